using System.Globalization;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Config;

/// <summary>Reads the <c>alarms:</c> section strictly: <c>defaults</c> and <c>functions.&lt;name&gt;</c>, each a mapping
/// of default alarm (<see cref="DefaultAlarmOverrides.Keys"/>) to <c>false</c> or its settings.</summary>
internal static class AlarmsConfigReader
{
    private static readonly string[] MissingData = ["missing", "ignore", "breaching", "notBreaching"];

    public static AlarmsConfig Read(ConfigSectionReader section)
    {
        var defaults = section.Section("defaults") is { } d ? ReadOverrides(d) : new DefaultAlarmOverrides();
        var functions = new Dictionary<string, DefaultAlarmOverrides>(StringComparer.Ordinal);
        if (section.Section("functions") is { } list)
        {
            if (list.Self is MappingNode map)
            {
                foreach (var entry in map.Entries)
                {
                    functions[entry.Name] = ReadOverrides(list.Section(entry.Name)!);
                }
            }

            list.RejectUnknownKeys();
        }

        return new AlarmsConfig { Defaults = defaults, Functions = functions };
    }

    private static DefaultAlarmOverrides ReadOverrides(ConfigSectionReader section)
    {
        var result = new DefaultAlarmOverrides
        {
            ErrorRate = ReadOne(section, "errorRate"),
            Throttles = ReadOne(section, "throttles"),
            Duration = ReadOne(section, "duration"),
            Timeouts = ReadOne(section, "timeouts"),
            OutOfMemory = ReadOne(section, "outOfMemory"),
        };
        section.RejectUnknownKeys();
        return result;
    }

    private static AlarmOverride? ReadOne(ConfigSectionReader parent, string key)
    {
        var node = parent.Node(key);
        if (node is null)
        {
            return null;
        }

        var source = $"{Path.GetFileName(node.Location.File)}:{node.Location.Line}:{node.Location.Column}";
        if (node is ScalarNode scalar)
        {
            if (scalar.Value is "false" or "true")
            {
                return new AlarmOverride { Enabled = scalar.Value == "true", Source = source };
            }

            parent.Diagnostics.Error(node, $"'{parent.Path}.{key}' must be false (to turn the alarm off) or a mapping of its settings, not '{scalar.Value}'");
            return null;
        }

        var section = new ConfigSectionReader(node, $"{parent.Path}.{key}", parent.Diagnostics);
        var evaluationPeriods = section.Int("evaluationPeriods", 1, 100);
        var datapoints = section.Int("datapointsToAlarm", 1, 100);
        if (datapoints > (evaluationPeriods ?? 1))
        {
            section.Error("datapointsToAlarm", $"'{section.Path}.datapointsToAlarm' ({datapoints}) cannot be more than evaluationPeriods ({evaluationPeriods ?? 1})");
            datapoints = null;
        }

        var missing = section.String("treatMissingData");
        if (missing is not null && !MissingData.Contains(missing, StringComparer.Ordinal))
        {
            section.Error("treatMissingData", $"'{section.Path}.treatMissingData' must be one of {string.Join(", ", MissingData)}, not '{missing}'{Validation.Suggestions.Hint(missing, MissingData)}");
            missing = null;
        }

        var period = section.Duration("period", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (period is { } p && p.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            section.Error("period", $"'{section.Path}.period' must be a whole number of seconds, not '{DurationText.Format(p)}'");
            period = null;
        }

        var result = new AlarmOverride
        {
            Enabled = section.Bool("enabled"),
            Threshold = Threshold(section),
            Period = period,
            EvaluationPeriods = evaluationPeriods,
            DatapointsToAlarm = datapoints,
            TreatMissingData = missing,
            MinimumInvocations = key == "errorRate" ? section.Int("minimumInvocations", 1, 1_000_000) : null,
            Source = source,
        };
        section.RejectUnknownKeys();
        return result;
    }

    private static double? Threshold(ConfigSectionReader section)
    {
        var text = section.String("threshold");
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        {
            section.Error("threshold", $"'{section.Path}.threshold' must be a number of 0 or more, not '{text}'");
            return null;
        }

        return value;
    }
}
