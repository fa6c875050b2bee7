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
        var edges = context.Resources.Declared.ToDictionary(r => r.LogicalId, r => Dependencies(r), StringComparer.Ordinal);

        // Dependencies are walked with an explicit stack: a DependsOn chain of 40,000 resources is a valid template.
        var walk = new DependencyWalk<string>(
            id => edges[id].Where(edges.ContainsKey).Order(StringComparer.Ordinal),
            _ => { },
            StringComparer.Ordinal);
        foreach (var resource in context.Resources.Declared)
        {
            walk.Walk(resource.LogicalId, cycle => Report(context, cycle));
        }
    }

    private static void Report(TemplateContext context, IReadOnlyList<string> cycle)
    {
        context.Resources.TryGet(cycle[0], out var entry);
        var hint = cycle.Count == 1 && ResourceTypes.IsFunction(entry.Type)
            ? " (a function can read its own name from the AWS_LAMBDA_FUNCTION_NAME environment variable)"
            : string.Empty;
        context.Diagnostics.Error(entry.Key, $"circular reference: {CycleText.Describe(cycle)}{hint}");
    }

    private static HashSet<string> Dependencies(ResourceEntry resource)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in resource.Properties.Entries)
        {
            if (!(resource.Type == ResourceTypes.ServerlessFunction && property.Name is "Events" or "DeploymentPreference"))
            {
                found.UnionWith(ReferenceScanner.Names(property.Value));
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
}
