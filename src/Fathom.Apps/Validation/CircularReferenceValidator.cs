using Fathom.Apps.Intrinsics;
using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>
/// Reports resources that depend on themselves through <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c> or
/// <c>DependsOn</c>, as CloudFormation would. A function's <c>Events</c> and <c>DeploymentPreference</c> are left out:
/// SAM turns them into separate resources created after the function, so an alarm on the function that also gates its
/// deployment is fine.
/// </summary>
internal sealed class CircularReferenceValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        var edges = context.Resources.Declared.ToDictionary(r => r.LogicalId, r => Dependencies(context, r), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var resource in context.Resources.Declared)
        {
            Visit(context, resource.LogicalId, edges, state, path);
        }
    }

    private static void Visit(TemplateContext context, string id, Dictionary<string, HashSet<string>> edges, Dictionary<string, bool> state, List<string> path)
    {
        if (state.TryGetValue(id, out var done))
        {
            if (!done)
            {
                var cycle = path.SkipWhile(p => p != id).Append(id).ToList();
                context.Resources.TryGet(id, out var entry);
                var hint = cycle.Count == 2 && ResourceTypes.IsFunction(entry.Type)
                    ? " (a function can read its own name from the AWS_LAMBDA_FUNCTION_NAME environment variable)"
                    : string.Empty;
                context.Diagnostics.Error(entry.Key, $"circular reference: {string.Join(" -> ", cycle)}{hint}");
            }

            return;
        }

        state[id] = false;
        path.Add(id);
        foreach (var next in edges[id].Where(edges.ContainsKey).Order(StringComparer.Ordinal))
        {
            Visit(context, next, edges, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[id] = true;
    }

    private static HashSet<string> Dependencies(TemplateContext context, ResourceEntry resource)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in resource.Properties.Entries)
        {
            if (!(resource.Type == ResourceTypes.ServerlessFunction && property.Name is "Events" or "DeploymentPreference"))
            {
                Collect(context, property.Value, found);
            }
        }

        switch (resource.Declaration?["DependsOn"])
        {
            case ScalarNode single:
                found.Add(single.Value);
                break;
            case SequenceNode list:
                found.UnionWith(list.Items.OfType<ScalarNode>().Select(s => s.Value));
                break;
        }

        return found;
    }

    private static void Collect(TemplateContext context, TemplateNode node, HashSet<string> found)
    {
        switch (node)
        {
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    Collect(context, item, found);
                }

                break;
            case MappingNode map when map.IsIntrinsic(out var name, out var argument):
                switch (name)
                {
                    case IntrinsicNames.Ref when argument is ScalarNode target:
                        found.Add(target.Value);
                        break;
                    case IntrinsicNames.GetAtt when argument is SequenceNode { Items.Count: > 0 } list && list.Items[0] is ScalarNode first:
                        found.Add(first.Value);
                        break;
                    case IntrinsicNames.GetAtt when argument is ScalarNode dotted:
                        found.Add(dotted.Value.Split('.')[0]);
                        break;
                    case IntrinsicNames.Sub:
                        var template = argument as ScalarNode ?? (argument as SequenceNode)?.Items.FirstOrDefault() as ScalarNode;
                        if (template is not null)
                        {
                            found.UnionWith(SubTemplate.Parse(template.Value).Where(p => !p.IsLiteral).Select(p => p.Text.Split('.')[0]));
                        }

                        break;
                }

                Collect(context, argument, found);
                break;
            case MappingNode map:
                foreach (var entry in map.Entries)
                {
                    Collect(context, entry.Value, found);
                }

                break;
        }
    }
}
