using Fathom.Apps.Templates;

namespace Fathom.Apps.Config;

/// <summary>Reads the <c>api:</c> section:
/// <code>
/// api:
///   jwks:
///     - issuer: https://login.example.com/
///       file: keys/jwks.json          # relative to fathom.yaml; or url: http://127.0.0.1:8080/jwks.json
///   apiKeys:
///     partner: 0123456789abcdefghij   # name: value, at least 20 characters as API Gateway requires
/// </code></summary>
internal static class ApiConfigReader
{
    public static ApiConfig Read(ConfigSectionReader section, string? configPath)
    {
        var baseDirectory = configPath is null ? Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(configPath)!;
        return new ApiConfig { Jwks = ReadJwks(section, baseDirectory), ApiKeys = ReadKeys(section) };
    }

    private static Dictionary<string, string> ReadJwks(ConfigSectionReader section, string baseDirectory)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = section.Node("jwks");
        if (node is null)
        {
            return result;
        }

        if (node is not SequenceNode list)
        {
            section.Diagnostics.Error(node, $"'{section.Path}.jwks' must be a list of '- issuer: ...' entries with a file or url, not {node.Kind}");
            return result;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var entry = new ConfigSectionReader(list.Items[i], $"{section.Path}.jwks[{i}]", section.Diagnostics);
            var issuer = entry.String("issuer");
            var file = entry.String("file");
            var url = entry.String("url");
            entry.RejectUnknownKeys();
            if (issuer is null)
            {
                section.Diagnostics.Error(entry.Self, $"'{entry.Path}.issuer' is required: the issuer exactly as tokens carry it in 'iss'");
                continue;
            }

            if ((file is null) == (url is null))
            {
                section.Diagnostics.Error(entry.Self, $"'{entry.Path}' needs exactly one of file (a JWKS file) or url (a JWKS URL)");
                continue;
            }

            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                entry.Error("url", $"'{entry.Path}.url' must be an absolute http:// or https:// URL, not '{url}'");
                continue;
            }

            if (result.ContainsKey(issuer))
            {
                section.Diagnostics.Error(entry.Self, $"'{entry.Path}': issuer '{issuer}' is listed twice");
                continue;
            }

            result[issuer] = url ?? System.IO.Path.GetFullPath(file!, baseDirectory);
        }

        return result;
    }

    private static Dictionary<string, string> ReadKeys(ConfigSectionReader section)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section.Section("apiKeys") is not { Self: MappingNode map } keys)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            if (keys.String(entry.Name) is not { } value)
            {
                continue;
            }

            if (value.Length < 20)
            {
                section.Diagnostics.Error(entry.Value, $"'{keys.Path}.{entry.Name}' is {value.Length} characters; API Gateway requires API keys of at least 20");
                continue;
            }

            result[entry.Name] = value;
        }

        keys.RejectUnknownKeys();
        return result;
    }
}
