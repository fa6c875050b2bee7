using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Deployments.Releases;

/// <summary>What differs between two versions' configuration, as lines a person reviewing a release reads. Values under
/// an environment-variables object, or of keys that name secrets, are never printed: only that they changed.</summary>
internal static class ConfigDiff
{
    private const int MaxValueLength = 60;

    private static readonly string[] HiddenSegments = ["environment", "variables"];
    private static readonly string[] SecretWords = ["password", "secret", "token", "authorization", "credential", "apikey", "api_key", "privatekey"];

    // The artifact hash says whether the code changed; these echo it.
    private static readonly string[] CodeKeys = ["codeSha256", "codeSize", "CodeSha256", "CodeSize"];

    public static IReadOnlyList<string> Versions(string fromArtifact, string fromConfig, string toArtifact, string toConfig)
    {
        var lines = new List<string>();
        if (!string.Equals(fromArtifact, toArtifact, StringComparison.Ordinal))
        {
            lines.Add($"code changed ({Short(fromArtifact)} → {Short(toArtifact)})");
        }

        lines.AddRange(Objects(fromConfig, toConfig).Where(l => !CodeKeys.Any(k => l.StartsWith(k + " ", StringComparison.Ordinal))));
        return lines;
    }

    /// <summary>Differences between two JSON object texts (either may be null: everything was added or removed).</summary>
    public static IReadOnlyList<string> Objects(string? fromJson, string? toJson)
    {
        var from = Flatten(Parse(fromJson));
        var to = Flatten(Parse(toJson));
        var lines = new List<string>();
        foreach (var key in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var had = from.TryGetValue(key, out var before);
            var has = to.TryGetValue(key, out var after);
            if (had && has && before == after)
            {
                continue;
            }

            var hidden = IsHidden(key);
            lines.Add((had, has) switch
            {
                (false, _) => hidden ? $"{key} added" : $"{key} added ({Value(after!)})",
                (_, false) => $"{key} removed",
                _ => hidden ? $"{key} changed" : $"{key} {Value(before!)} → {Value(after!)}",
            });
        }

        return lines;
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject root)
        {
            Flatten(root, "", values);
        }

        return values;
    }

    private static void Flatten(JsonObject node, string prefix, Dictionary<string, string> values)
    {
        foreach (var (name, child) in node)
        {
            var key = prefix.Length == 0 ? name : prefix + "." + name;
            if (child is JsonObject inner && inner.Count > 0)
            {
                Flatten(inner, key, values);
            }
            else
            {
                values[key] = child?.ToJsonString() ?? "null";
            }
        }
    }

    private static bool IsHidden(string key)
    {
        var segments = key.Split('.');
        return segments[..^1].Any(s => HiddenSegments.Contains(s, StringComparer.OrdinalIgnoreCase))
            || SecretWords.Any(w => segments[^1].Replace("-", "", StringComparison.Ordinal).Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static string Value(string json) => json.Length <= MaxValueLength ? json : json[..(MaxValueLength - 1)] + "…";

    private static string Short(string hash) => hash.Length <= 12 ? hash : hash[..12];
}
