using System.Text.RegularExpressions;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Config;

/// <summary>Reads the <c>environments:</c> section: a mapping of environment name to its settings.</summary>
internal static partial class EnvironmentsConfigReader
{
    public static IReadOnlyDictionary<string, EnvironmentConfig> Read(ConfigSectionReader section)
    {
        var result = new Dictionary<string, EnvironmentConfig>(StringComparer.Ordinal);
        if (section.Self is not MappingNode map)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            if (!EnvironmentName().IsMatch(entry.Name))
            {
                section.Diagnostics.Error(entry.Key, $"'{entry.Name}' is not an environment name: use letters, digits, '-' and '_' (at most 64)");
            }

            var environment = section.Section(entry.Name)!;
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (environment.Section("parameters") is { Self: MappingNode values } parameterSection)
            {
                foreach (var value in values.Entries)
                {
                    if (parameterSection.String(value.Name) is { } text)
                    {
                        parameters[value.Name] = text;
                    }
                }
            }

            result[entry.Name] = new EnvironmentConfig
            {
                Parameters = parameters,
                Port = environment.Int("port", 1, 65535),
            };
            environment.RejectUnknownKeys();
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EnvironmentName();
}
