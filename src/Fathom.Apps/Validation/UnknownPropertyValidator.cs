using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Reports properties that the resource or event type does not have, with a did-you-mean.</summary>
internal sealed class UnknownPropertyValidator : IAppValidator
{
    private static readonly Dictionary<string, string[]> Nested = new(StringComparer.Ordinal)
    {
        ["Environment"] = ["Variables"],
        ["DeploymentPreference"] = ["Type", "Alarms", "Hooks", "Enabled", "Role", "TriggerConfigurations", "PassthroughCondition"],
        ["LoggingConfig"] = ["LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup"],
        ["ProvisionedConcurrencyConfig"] = ["ProvisionedConcurrentExecutions"],
        ["EventInvokeConfig"] = ["MaximumEventAgeInSeconds", "MaximumRetryAttempts", "DestinationConfig"],
        ["FunctionUrlConfig"] = ["AuthType", "Cors", "InvokeMode"],
        ["DeadLetterQueue"] = ["Type", "TargetArn"],
    };

    private static readonly string[] EventKeys = ["Type", "Properties"];

    public void Validate(TemplateContext context)
    {
        foreach (var resource in context.Resources.Declared)
        {
            if (!ResourceSchemas.Properties.TryGetValue(resource.Type, out var known))
            {
                continue;
            }

            Check(context, resource.Properties, known, $"{resource.LogicalId} ({resource.Type})");
            if (resource.Type != ResourceTypes.ServerlessFunction)
            {
                continue;
            }

            foreach (var (property, keys) in Nested)
            {
                if (resource.Properties[property] is MappingNode nested && !nested.IsIntrinsic(out _, out _))
                {
                    Check(context, nested, keys, $"{resource.LogicalId}.{property}");
                }
            }

            if (resource.Properties["Events"] is MappingNode events)
            {
                CheckEvents(context, resource, events);
            }
        }
    }

    private static void CheckEvents(TemplateContext context, ResourceEntry resource, MappingNode events)
    {
        foreach (var entry in events.Entries)
        {
            if (entry.Value is not MappingNode declaration)
            {
                continue;
            }

            Check(context, declaration, EventKeys, $"event {resource.LogicalId}.Events.{entry.Name}");
            if (declaration["Type"] is ScalarNode type
                && ResourceSchemas.EventProperties.TryGetValue(type.Value, out var known)
                && declaration["Properties"] is MappingNode properties)
            {
                Check(context, properties, known, $"{type.Value} event {resource.LogicalId}.Events.{entry.Name}");
            }
        }
    }

    private static void Check(TemplateContext context, MappingNode properties, string[] known, string owner)
    {
        foreach (var property in properties.Entries.Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            context.Diagnostics.Error(property.Key, $"unknown property '{property.Name}' on {owner}{Suggestions.Hint(property.Name, known)}");
        }
    }
}
