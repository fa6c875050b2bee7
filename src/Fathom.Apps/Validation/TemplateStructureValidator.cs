using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Checks top-level sections, the SAM transform and resource attributes (<c>Condition</c>, <c>DependsOn</c>).</summary>
internal sealed class TemplateStructureValidator : IAppValidator
{
    private const string SamTransform = "AWS::Serverless-2016-10-31";

    public void Validate(TemplateContext context)
    {
        foreach (var section in context.Root.Entries.Where(e => !ResourceSchemas.TopLevelSections.Contains(e.Name)))
        {
            context.Diagnostics.Error(section.Key, $"unknown top-level section '{section.Name}'{Suggestions.Hint(section.Name, ResourceSchemas.TopLevelSections)}");
        }

        CheckTransform(context);
        foreach (var resource in context.Resources.Declared)
        {
            CheckAttributes(context, resource);
        }
    }

    private static void CheckTransform(TemplateContext context)
    {
        var transform = context.Root.Find("Transform");
        var names = transform?.Value switch
        {
            ScalarNode scalar => [scalar.Value],
            SequenceNode list => list.Items.OfType<ScalarNode>().Select(s => s.Value).ToList(),
            _ => new List<string>(),
        };
        foreach (var name in names.Where(n => n is not SamTransform and not "AWS::LanguageExtensions"))
        {
            context.Diagnostics.Warning(transform!.Value, $"transform '{name}' is not applied: Fathom understands {SamTransform} only");
        }

        var firstServerless = context.Resources.Declared.FirstOrDefault(r => r.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
        if (firstServerless is not null && !names.Contains(SamTransform))
        {
            context.Diagnostics.Error(firstServerless.Key,
                $"'{firstServerless.LogicalId}' is a SAM resource ({firstServerless.Type}) but the template has no 'Transform: {SamTransform}'");
        }
    }

    private static void CheckAttributes(TemplateContext context, ResourceEntry resource)
    {
        foreach (var attribute in resource.Declaration!.Entries.Where(e => !ResourceSchemas.ResourceAttributes.Contains(e.Name)))
        {
            var hint = Suggestions.Hint(attribute.Name, ResourceSchemas.ResourceAttributes);
            var nested = hint.Length == 0 && resource.Properties.Find(attribute.Name) is null ? " (resource properties go under Properties)" : string.Empty;
            context.Diagnostics.Error(attribute.Key, $"unknown attribute '{attribute.Name}' on resource '{resource.LogicalId}'{hint}{nested}");
        }

        if (resource.Declaration["Condition"] is ScalarNode condition && !context.Conditions.Exists(condition.Value))
        {
            context.Diagnostics.Error(condition, context.Conditions.UnknownMessage(condition.Value));
        }

        var dependsOn = resource.Declaration["DependsOn"];
        var targets = dependsOn switch
        {
            ScalarNode scalar => [scalar],
            SequenceNode list => list.Items.OfType<ScalarNode>().ToList(),
            _ => new List<ScalarNode>(),
        };
        foreach (var target in targets.Where(t => !context.Resources.TryGet(t.Value, out _)))
        {
            context.Diagnostics.Error(target, $"DependsOn names unknown resource '{target.Value}'{Suggestions.Hint(target.Value, context.Resources.All.Select(r => r.LogicalId), context.Hints)}");
        }
    }
}
