using Fathom.Apps.Templates;

namespace Fathom.Apps.Intrinsics;

/// <summary>
/// Lists the names a node refers to: resources, parameters and pseudo parameters through <c>Ref</c>,
/// <c>Fn::GetAtt</c> and <c>Fn::Sub</c> variables, and conditions through <c>Condition</c> and <c>Fn::If</c>, in every
/// branch. Walks with an explicit stack, as everything that follows references does.
/// </summary>
internal static class ReferenceScanner
{
    /// <summary>Names a node refers to, the resource part only for <c>Res.Attr</c>; may repeat and include names that
    /// are not resources (parameters, <c>Fn::Sub</c>'s own variables), which callers skip.</summary>
    public static IEnumerable<string> Names(TemplateNode node) => Scan(node, conditions: false);

    /// <summary>Condition names a node refers to (<c>Condition: X</c>, <c>Fn::If: [X, ...]</c>).</summary>
    public static IEnumerable<string> Conditions(TemplateNode node) => Scan(node, conditions: true);

    private static IEnumerable<string> Scan(TemplateNode root, bool conditions)
    {
        foreach (var node in TemplateWalk.Nodes(root))
        {
            if (node is MappingNode map && map.IsIntrinsic(out var name, out var argument))
            {
                foreach (var found in conditions ? ConditionsOf(name, argument) : NamesOf(name, argument))
                {
                    yield return found;
                }
            }
        }
    }

    private static IEnumerable<string> NamesOf(string function, TemplateNode argument)
    {
        switch (function)
        {
            case IntrinsicNames.Ref when argument is ScalarNode target:
                return [target.Value];
            case IntrinsicNames.GetAtt when argument is SequenceNode { Items.Count: > 0 } list && list.Items[0] is ScalarNode first:
                return [first.Value];
            case IntrinsicNames.GetAtt when argument is ScalarNode dotted:
                return [dotted.Value.Split('.')[0]];
            case IntrinsicNames.Sub:
                var template = argument as ScalarNode ?? (argument as SequenceNode)?.Items.FirstOrDefault() as ScalarNode;
                return template is null ? [] : SubTemplate.Parse(template.Value).Where(p => !p.IsLiteral).Select(p => p.Text.Split('.')[0]);
            default:
                return [];
        }
    }

    private static IEnumerable<string> ConditionsOf(string function, TemplateNode argument) => function switch
    {
        IntrinsicNames.Condition when argument is ScalarNode name => [name.Value],
        IntrinsicNames.If when argument is SequenceNode { Items.Count: > 0 } list && list.Items[0] is ScalarNode name => [name.Value],
        _ => [],
    };
}
