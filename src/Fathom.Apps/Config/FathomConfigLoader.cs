using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Config;

/// <summary>
/// Loads <c>fathom.yaml</c>. To add a section: add a record and a property on <see cref="FathomConfig"/>, and one
/// entry in <see cref="Sections"/> that reads it with a <see cref="ConfigSectionReader"/>.
/// </summary>
internal static class FathomConfigLoader
{
    public const string FileName = "fathom.yaml";

    private static readonly Dictionary<string, Func<FathomConfig, ConfigSectionReader, FathomConfig>> Sections = new(StringComparer.Ordinal)
    {
        ["runtime"] = (config, section) => config with
        {
            Runtime = new RuntimeConfig
            {
                Node = section.String("node"),
                MaxEnvironments = section.Int("maxEnvironments", 1, RuntimeConfigLimits.MaxEnvironments),
                IdleTimeout = section.Duration("idleTimeout", RuntimeConfigLimits.MinIdleTimeout, RuntimeConfigLimits.MaxIdleTimeout),
                QueueLength = section.Int("queueLength", 0, RuntimeConfigLimits.MaxQueueLength),
            },
        },
        ["logs"] = (config, section) => config with { Logs = LogsConfigReader.Read(section, config.Path) },
        ["alarms"] = (config, section) => config with { Alarms = AlarmsConfigReader.Read(section) },
        ["notifications"] = (config, section) => config with { Notifications = NotificationsConfigReader.Read(section) },
        ["api"] = (config, section) => config with { Api = ApiConfigReader.Read(section, config.Path) },
        ["environments"] = (config, section) => config with { Environments = EnvironmentsConfigReader.Read(section) },
    };

    /// <summary>Reads <c>fathom.yaml</c> in <paramref name="appDirectory"/>; no file means <see cref="FathomConfig.Empty"/>.</summary>
    public static FathomConfig Load(string appDirectory, Func<string, string> displayPath, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            path = Path.Combine(appDirectory, "fathom.yml");
            if (!File.Exists(path))
            {
                return FathomConfig.Empty;
            }
        }

        var config = new FathomConfig { Path = path };
        var root = TemplateReader.ReadFile(path, displayPath(path), diagnostics, allowEmpty: true);
        if (root is null or ScalarNode { IsNull: true })
        {
            return config;
        }

        if (root is not MappingNode map)
        {
            diagnostics.Error(root, $"{FileName} must be a mapping of sections, not {root.Kind}");
            return config;
        }

        foreach (var entry in map.Entries)
        {
            if (!Sections.TryGetValue(entry.Name, out var read))
            {
                diagnostics.Error(entry.Key, $"unknown section '{entry.Name}' in {FileName}{Suggestions.Hint(entry.Name, Sections.Keys)}; known sections: {string.Join(", ", Sections.Keys)}");
                continue;
            }

            var section = new ConfigSectionReader(entry.Value, entry.Name, diagnostics);
            config = read(config, section);
            section.RejectUnknownKeys();
        }

        return config;
    }
}
