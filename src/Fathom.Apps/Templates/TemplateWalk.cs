namespace Fathom.Apps.Templates;

/// <summary>Every node under a root, without recursion: templates nest deeply enough (hostile ones on purpose) that a
/// recursive walk could overflow the stack, which no catch can stop.</summary>
internal static class TemplateWalk
{
    /// <summary>The root and the nodes under it, depth first; <paramref name="descend"/> may keep the walk out of a
    /// node's children (the node itself is still yielded).</summary>
    public static IEnumerable<TemplateNode> Nodes(TemplateNode root, Func<TemplateNode, bool>? descend = null) => Nodes([root], descend);

    /// <summary>The same, from several roots.</summary>
    public static IEnumerable<TemplateNode> Nodes(IEnumerable<TemplateNode> roots, Func<TemplateNode, bool>? descend = null)
    {
        var pending = new Stack<TemplateNode>(roots.Reverse());
        while (pending.TryPop(out var node))
        {
            yield return node;
            if (descend is not null && !descend(node))
            {
                continue;
            }

            switch (node)
            {
                case SequenceNode list:
                    foreach (var item in list.Items)
                    {
                        pending.Push(item);
                    }

                    break;
                case MappingNode map:
                    foreach (var entry in map.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
            }
        }
    }
}
