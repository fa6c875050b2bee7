using System.Text;
using System.Text.Json;

namespace Fathom.Telemetry.Metrics.Emf;

/// <summary>Reads CloudWatch Embedded Metric Format from one log line: a JSON object whose <c>_aws</c> member has a
/// <c>Timestamp</c> and <c>CloudWatchMetrics</c> directives (<c>Namespace</c>, <c>Dimensions</c> as arrays of member
/// names, <c>Metrics</c> with <c>Name</c>, <c>Unit</c> and optional <c>StorageResolution</c>), the values being top-level
/// members (a number or an array of numbers). The rules are CloudWatch's: a line that breaks one is invalid as a whole,
/// and invalid lines are counted, never thrown.</summary>
internal static class EmfParser
{
    private const int MaxDimensionsPerSet = 30;
    private const int MaxValuesPerMetric = 100;

    /// <summary>Quick test before any parsing: only lines naming <c>_aws</c> can be EMF.</summary>
    public static bool MayBeEmf(string? text) =>
        text is { Length: > 8 } && text[0] == '{' && text.Contains("\"_aws\"", StringComparison.Ordinal);

    /// <summary>The line's values, or null with <paramref name="error"/> when the line is EMF (has <c>_aws</c>) but breaks the format.</summary>
    public static List<EmfValue>? Parse(string json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, out error);
        }
        catch (JsonException)
        {
            error = "not a JSON object";
            return null;
        }
    }

    private static List<EmfValue>? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("_aws", out var aws) || aws.ValueKind != JsonValueKind.Object)
        {
            error = "_aws is not an object";
            return null;
        }

        if (!aws.TryGetProperty("Timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number)
        {
            error = "_aws.Timestamp is missing or not a number";
            return null;
        }

        if (!aws.TryGetProperty("CloudWatchMetrics", out var directives) || directives.ValueKind != JsonValueKind.Array)
        {
            error = "_aws.CloudWatchMetrics is missing or not an array";
            return null;
        }

        var values = new List<EmfValue>();
        foreach (var directive in directives.EnumerateArray())
        {
            if (!ReadDirective(root, directive, values, out error))
            {
                return null;
            }
        }

        return values;
    }

    private static bool ReadDirective(JsonElement root, JsonElement directive, List<EmfValue> values, out string? error)
    {
        error = null;
        if (directive.ValueKind != JsonValueKind.Object
            || !directive.TryGetProperty("Namespace", out var ns) || ns.ValueKind != JsonValueKind.String
            || ns.GetString() is not { Length: > 0 and <= 255 } space)
        {
            error = "a directive's Namespace is missing or not a string of 1-255 characters";
            return false;
        }

        if (!directive.TryGetProperty("Dimensions", out var dimensionSets) || dimensionSets.ValueKind != JsonValueKind.Array
            || !directive.TryGetProperty("Metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array)
        {
            error = "a directive's Dimensions or Metrics is missing or not an array";
            return false;
        }

        var sets = new List<string>();
        foreach (var set in dimensionSets.EnumerateArray())
        {
            if (DimensionSet(root, set, out error) is not { } dimensions)
            {
                return false;
            }

            sets.Add(dimensions);
        }

        if (sets.Count == 0)
        {
            sets.Add("{}");
        }

        foreach (var metric in metrics.EnumerateArray())
        {
            if (metric.ValueKind != JsonValueKind.Object || !metric.TryGetProperty("Name", out var nameElement)
                || nameElement.ValueKind != JsonValueKind.String || nameElement.GetString() is not { Length: > 0 and <= 1024 } name)
            {
                error = "a metric's Name is missing or not a string";
                return false;
            }

            var unit = MetricUnits.None;
            if (metric.TryGetProperty("Unit", out var unitElement))
            {
                if (unitElement.ValueKind != JsonValueKind.String || !MetricUnits.IsKnown(unitElement.GetString()!))
                {
                    error = $"metric {name}: Unit is not a CloudWatch unit";
                    return false;
                }

                unit = unitElement.GetString()!;
            }

            if (metric.TryGetProperty("StorageResolution", out var resolution)
                && !(resolution.ValueKind == JsonValueKind.Number && resolution.TryGetInt32(out var r) && r is 1 or 60))
            {
                error = $"metric {name}: StorageResolution is neither 1 nor 60";
                return false;
            }

            if (!root.TryGetProperty(name, out var value) || !Values(value, out var numbers))
            {
                error = $"metric {name}: its value is missing, or not a number or an array of at most {MaxValuesPerMetric} numbers";
                return false;
            }

            foreach (var dimensions in sets)
            {
                foreach (var number in numbers)
                {
                    values.Add(new EmfValue(space, name, unit, dimensions, number));
                }
            }
        }

        return true;
    }

    private static string? DimensionSet(JsonElement root, JsonElement set, out string? error)
    {
        error = null;
        if (set.ValueKind != JsonValueKind.Array || set.GetArrayLength() > MaxDimensionsPerSet)
        {
            error = $"a dimension set is not an array of at most {MaxDimensionsPerSet} names";
            return null;
        }

        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in set.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.String || key.GetString() is not { Length: > 0 } name)
            {
                error = "a dimension name is not a string";
                return null;
            }

            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            {
                error = $"dimension {name} has no string value in the line";
                return null;
            }

            pairs[name] = value.GetString()!;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in pairs)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool Values(JsonElement value, out List<double> numbers)
    {
        numbers = [];
        if (value.ValueKind == JsonValueKind.Number)
        {
            numbers.Add(value.GetDouble());
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxValuesPerMetric)
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            numbers.Add(item.GetDouble());
        }

        return true;
    }
}
