using Fathom.Apps.Intrinsics;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>
/// Checks every <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c> variable and condition name in resources, outputs and
/// conditions, including the branches <c>Fn::If</c> does not take, so a typo never hides behind a condition.
/// </summary>
internal sealed class ReferenceValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        foreach (var resource in context.Resources.Declared)
        {
            Walk(context, resource.Properties, subVariables: null);
        }

        if (context.Root["Outputs"] is { } outputs)
        {
            Walk(context, outputs, subVariables: null);
        }

        if (context.Root["Conditions"] is { } conditions)
        {
            Walk(context, conditions, subVariables: null);
        }
    }

    private static void Walk(TemplateContext context, TemplateNode node, IReadOnlySet<string>? subVariables)
    {
        switch (node)
        {
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    Walk(context, item, subVariables);
                }

                break;
            case MappingNode map when map.IsIntrinsic(out var name, out var argument):
                CheckIntrinsic(context, name, argument);
                Walk(context, argument, subVariables);
                break;
            case MappingNode map:
                foreach (var entry in map.Entries)
                {
                    Walk(context, entry.Value, subVariables);
                }

                break;
        }
    }

    private static void CheckIntrinsic(TemplateContext context, string name, TemplateNode argument)
    {
        switch (name)
        {
            case IntrinsicNames.Ref when argument is ScalarNode target:
                if (!IsReference(context, target.Value) && !IsFunctionAliasOrVersion(context, target.Value))
                {
                    context.Diagnostics.Error(target, context.UnknownReferenceMessage(target.Value));
                }

                break;
            case IntrinsicNames.GetAtt:
                var resource = argument switch
                {
                    SequenceNode { Items.Count: > 0 } list when list.Items[0] is ScalarNode first => first,
                    ScalarNode dotted => new ScalarNode(dotted.Location, dotted.Value.Split('.')[0]),
                    _ => null,
                };
                if (resource is not null && !context.Resources.TryGet(resource.Value, out _))
                {
                    context.Diagnostics.Error(resource, $"Fn::GetAtt refers to unknown resource '{resource.Value}'{Suggestions.Hint(resource.Value, context.Resources.All.Select(r => r.LogicalId), context.Hints)}");
                }

                break;
            case IntrinsicNames.Sub:
                CheckSub(context, argument);
                break;
            case IntrinsicNames.If when argument is SequenceNode { Items.Count: > 0 } branches && branches.Items[0] is ScalarNode condition:
                CheckCondition(context, condition);
                break;
            case IntrinsicNames.Condition when argument is ScalarNode condition:
                CheckCondition(context, condition);
                break;
        }
    }

    private static void CheckSub(TemplateContext context, TemplateNode argument)
    {
        var (template, variables) = argument switch
        {
            SequenceNode { Items.Count: 2 } pair when pair.Items[0] is ScalarNode text && pair.Items[1] is MappingNode map =>
                (text, map.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal)),
            ScalarNode text => (text, new HashSet<string>(StringComparer.Ordinal)),
            _ => (null, new HashSet<string>(StringComparer.Ordinal)),
        };
        if (template is null)
        {
            return;
        }

        foreach (var part in SubTemplate.Parse(template.Value).Where(p => !p.IsLiteral))
        {
            var variable = part.Text;
            var dot = variable.IndexOf('.', StringComparison.Ordinal);
            var known = variables.Contains(variable) || IsReference(context, variable)
                || (dot > 0 && context.Resources.TryGet(variable[..dot], out _));
            if (!known)
            {
                context.Diagnostics.Error(template, context.Resolver.SubUnknownMessage(variable));
            }
        }
    }

    private static void CheckCondition(TemplateContext context, ScalarNode condition)
    {
        if (!context.Conditions.Exists(condition.Value))
        {
            context.Diagnostics.Error(condition, context.Conditions.UnknownMessage(condition.Value));
        }
    }

    private static bool IsReference(TemplateContext context, string name) =>
        context.Pseudo.TryGet(name, out _) || context.Parameters.TryGet(name, out _) || context.Resources.TryGet(name, out _)
        || context.IsDeclaredParameter(name);

    private static bool IsFunctionAliasOrVersion(TemplateContext context, string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name[(dot + 1)..] is "Alias" or "Version" && context.Resources.TryGet(name[..dot], out _);
    }
}
