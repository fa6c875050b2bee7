using Fathom.Apps.Resources;

namespace Fathom.Apps.Auth;

/// <summary>Reads <c>AWS::ApiGateway::ApiKey</c> resources: their <c>Value</c> is a key <c>ApiKeyRequired</c> routes
/// accept. A key without a value is one AWS would generate, which Fathom cannot know.</summary>
internal static class ApiKeyReader
{
    public static KeyValuePair<string, string>? Read(TemplateContext context, ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        if (p.Bool("Enabled") == false)
        {
            return null;
        }

        if (p.String("Value") is not { } value)
        {
            context.Diagnostics.Warning(entry.Key,
                $"API key '{entry.LogicalId}' has no Value: AWS would generate one, Fathom cannot; declare the key under api.apiKeys in fathom.yaml to use it");
            return null;
        }

        return new KeyValuePair<string, string>(entry.LogicalId, value);
    }
}
