using System.Globalization;
using System.Text;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

/// <summary>The text format 0.0.4 parsed back, strictly: HELP and TYPE once per family and before its samples, every
/// sample inside its family (histograms: <c>_bucket</c>, <c>_sum</c>, <c>_count</c>), label values unescaped. Written
/// from the format's description, independent of the writer it checks.</summary>
internal sealed class Exposition
{
    private Exposition(Dictionary<string, (string Type, string Help)> families, List<ExpositionSample> samples)
    {
        Families = families;
        Samples = samples;
    }

    public IReadOnlyDictionary<string, (string Type, string Help)> Families { get; }

    public IReadOnlyList<ExpositionSample> Samples { get; }

    /// <summary>Samples of a name whose labels include every given pair.</summary>
    public IEnumerable<ExpositionSample> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name, "") == l.Value));

    /// <summary>The one sample of a name with these labels; throws when there is none or more than one.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) => Find(name, labels).Single().Value;

    public static Exposition Parse(string text)
    {
        var families = new Dictionary<string, (string Type, string Help)>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<ExpositionSample>();
        string? current = null;
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var (name, help) = Split(line["# HELP ".Length..]);
                if (!helps.TryAdd(name, Unescape(help, quotes: false)))
                {
                    throw new FormatException($"Two HELP lines for {name}.");
                }
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var (name, type) = Split(line["# TYPE ".Length..]);
                if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                {
                    throw new FormatException($"Unknown type {type} for {name}.");
                }

                if (!families.TryAdd(name, (type, helps.GetValueOrDefault(name, ""))))
                {
                    throw new FormatException($"Two TYPE lines for {name}.");
                }

                current = name;
            }
            else if (line.Length == 0 || line.StartsWith('#'))
            {
                throw new FormatException($"Unexpected line '{line}'.");
            }
            else
            {
                var sample = ParseSample(line);
                if (current is null || !BelongsTo(sample.Name, current, families[current].Type))
                {
                    throw new FormatException($"Sample {sample.Name} is outside its family (current: {current}).");
                }

                samples.Add(sample);
            }
        }

        return new Exposition(families, samples);
    }

    private static bool BelongsTo(string sample, string family, string type) =>
        sample == family || (type == "histogram" && (sample == family + "_bucket" || sample == family + "_sum" || sample == family + "_count"));

    private static (string, string) Split(string rest)
    {
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..]);
    }

    private static ExpositionSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var labelName = line[i..equals];
                if (line[equals + 1] != '"')
                {
                    throw new FormatException($"Label {labelName} is not quoted: {line}");
                }

                var value = new StringBuilder();
                var j = equals + 2;
                for (; line[j] != '"'; j++)
                {
                    value.Append(line[j]);
                    if (line[j] == '\\')
                    {
                        value.Append(line[++j]);
                    }
                }

                if (!labels.TryAdd(labelName, Unescape(value.ToString(), quotes: true)))
                {
                    throw new FormatException($"Label {labelName} twice: {line}");
                }

                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        if (line[i] != ' ')
        {
            throw new FormatException($"No space before the value: {line}");
        }

        var text = line[(i + 1)..];
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new ExpositionSample(name, labels, number);
    }

    private static string Unescape(string value, bool quotes)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                result.Append(value[i]);
                continue;
            }

            result.Append(value[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when quotes => '"',
                var other => throw new FormatException($"Unknown escape \\{other}."),
            });
        }

        return result.ToString();
    }
}

internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
