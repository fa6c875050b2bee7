using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fathom.Deployments.Versions;

namespace Fathom.Deployments.LambdaApi;

/// <summary>What a CreateAlias or UpdateAlias body asks for. Absent members are null: UpdateAlias keeps what the alias
/// has; an empty <c>RoutingConfig</c> or <c>AdditionalVersionWeights</c> clears the routing.</summary>
internal sealed partial record AliasChange(string? Name, int? Version, bool RoutingGiven, AliasRouting? Routing, string? Description, string? RevisionId)
{
    /// <summary>Reads the body; on a bad member returns null with <paramref name="error"/> in Lambda's words.</summary>
    public static AliasChange? Read(JsonElement body, out string? error)
    {
        error = null;
        var name = Text(body, "Name");
        if (name is not null && (!AliasPattern().IsMatch(name) || name.All(char.IsAsciiDigit)))
        {
            error = $"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)";
            return null;
        }

        int? version = null;
        if (Text(body, "FunctionVersion") is { } versionText)
        {
            if (versionText == Qualifiers.Latest)
            {
                error = "Fathom aliases point at published versions; every build publishes one, so name its number (ListVersionsByFunction lists them) instead of $LATEST.";
                return null;
            }

            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                error = $"1 validation error detected: Value '{versionText}' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)";
                return null;
            }

            version = number;
        }

        var description = Text(body, "Description");
        if (description is { Length: > 256 })
        {
            error = "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256";
            return null;
        }

        var routingGiven = body.TryGetProperty("RoutingConfig", out var routingConfig) && routingConfig.ValueKind != JsonValueKind.Null;
        AliasRouting? routing = null;
        if (routingGiven && !TryReadRouting(routingConfig, out routing, out error))
        {
            return null;
        }

        return new AliasChange(name, version, routingGiven, routing, description, Text(body, "RevisionId"));
    }

    private static bool TryReadRouting(JsonElement config, out AliasRouting? routing, out string? error)
    {
        routing = null;
        error = null;
        if (config.ValueKind != JsonValueKind.Object)
        {
            error = "RoutingConfig must be an object: {\"AdditionalVersionWeights\": {\"<version>\": <weight>}}.";
            return false;
        }

        if (!config.TryGetProperty("AdditionalVersionWeights", out var weights) || weights.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var entries = weights.ValueKind == JsonValueKind.Object ? weights.EnumerateObject().ToList() : null;
        if (entries is null || entries.Count > 1)
        {
            error = "AdditionalVersionWeights takes one additional version and its weight, e.g. {\"2\": 0.1}.";
            return false;
        }

        if (entries.Count == 0)
        {
            return true;
        }

        var (key, value) = (entries[0].Name, entries[0].Value);
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var additional) || additional < 1)
        {
            error = $"1 validation error detected: Value '{key}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]";
            return false;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var weight) || weight is < 0 or >= 1 || double.IsNaN(weight))
        {
            error = $"The weight of version {key} must be a number from 0 up to (not including) 1, not {value.GetRawText()}.";
            return false;
        }

        // A weight of 0 sends nothing to the additional version: the same as no routing.
        routing = weight > 0 ? new AliasRouting(additional, weight) : null;
        return true;
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,128}$")]
    private static partial Regex AliasPattern();
}
