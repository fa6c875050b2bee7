using System.Globalization;
using System.Text;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Writes the Prometheus text exposition format 0.0.4: per family one <c># HELP</c> and one <c># TYPE</c> line,
/// then its samples, label values escaped (backslash, double quote, line feed) and numbers as Go parses them.</summary>
internal sealed class PrometheusTextWriter
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _family;
    private string? _type;

    /// <summary>Starts a family. A family written twice would be two TYPE lines, which Prometheus rejects: it throws.</summary>
    public void Family(string name, string type, string help)
    {
        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"The metric family {name} was already written.");
        }

        _family = name;
        _type = type;
        _text.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }

        _text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>One sample of the current family (<paramref name="suffix"/>: <c>_bucket</c>, <c>_sum</c>, <c>_count</c> for a histogram).</summary>
    public void Sample(ReadOnlySpan<(string Name, string Value)> labels, double value, string suffix = "")
    {
        var family = _family ?? throw new InvalidOperationException("A sample needs a family first.");
        _text.Append(family).Append(suffix);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"");
                AppendEscaped(labels[i].Value);
                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>A histogram's buckets (cumulative, <c>le</c> last), sum and count.</summary>
    public void Histogram(ReadOnlySpan<(string Name, string Value)> labels, HistogramSnapshot histogram)
    {
        if (_type != "histogram")
        {
            throw new InvalidOperationException($"{_family} is not a histogram.");
        }

        var withLe = new (string Name, string Value)[labels.Length + 1];
        labels.CopyTo(withLe);
        for (var i = 0; i < histogram.Cumulative.Length; i++)
        {
            withLe[^1] = ("le", i < histogram.Bounds.Length ? Number(histogram.Bounds[i]) : "+Inf");
            Sample(withLe, histogram.Cumulative[i], "_bucket");
        }

        Sample(labels, histogram.Sum, "_sum");
        Sample(labels, histogram.Count, "_count");
    }

    public override string ToString() => _text.ToString();

    /// <summary>A number as Prometheus reads it: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void AppendEscaped(string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '"' => _text.Append("\\\""),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }
    }
}
