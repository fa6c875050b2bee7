using System.Globalization;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Config;

/// <summary>Reads one mapping of <c>fathom.yaml</c> strictly: unknown keys and wrong types are errors with locations.</summary>
internal sealed class ConfigSectionReader
{
    private readonly MappingNode _map;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public ConfigSectionReader(TemplateNode node, string path, DiagnosticBag diagnostics)
    {
        _path = path;
        _diagnostics = diagnostics;
        if (node is MappingNode map)
        {
            _map = map;
            return;
        }

        if (node is not ScalarNode { IsNull: true })
        {
            diagnostics.Error(node, $"'{path}' must be a mapping, not {node.Kind}");
        }

        _map = new MappingNode(node.Location, []);
    }

    /// <summary>The dotted path of this mapping in the file (<c>logs.forward[0].otlp</c>), for messages.</summary>
    public string Path => _path;

    public DiagnosticBag Diagnostics => _diagnostics;

    /// <summary>The mapping itself, for errors about the whole section (a required key left out).</summary>
    public TemplateNode Self => _map;

    /// <summary>The raw value of <paramref name="key"/> (marked as known), for shapes the typed readers do not cover.</summary>
    public TemplateNode? Node(string key)
    {
        _known.Add(key);
        return _map[key] is ScalarNode { IsNull: true } ? null : _map[key];
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return text == "true";
        }

        _diagnostics.Error(_map[key]!, $"'{_path}.{key}' must be true or false, not '{text}'");
        return null;
    }

    /// <summary>Reports an error at the value of <paramref name="key"/> (which must be present).</summary>
    public void Error(string key, string message) => _diagnostics.Error(_map[key]!, message);

    public string? String(string key)
    {
        _known.Add(key);
        var node = _map[key];
        if (node is null or ScalarNode { IsNull: true })
        {
            return null;
        }

        if (node is ScalarNode scalar)
        {
            return scalar.Value;
        }

        _diagnostics.Error(node, $"'{_path}.{key}' must be a string, not {node.Kind}");
        return null;
    }

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            _diagnostics.Error(_map[key]!, $"'{_path}.{key}' must be a whole number from {min} to {max}, not '{text}'");
            return null;
        }

        return value;
    }

    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var range = $"from {DurationText.Format(min)} to {DurationText.Format(max)}";
        if (!DurationText.TryParse(text, out var value))
        {
            _diagnostics.Error(_map[key]!, $"'{_path}.{key}' must be a duration such as 30s, 5m or 1h ({range}), not '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            _diagnostics.Error(_map[key]!, $"'{_path}.{key}' must be {range}, not '{text}'");
            return null;
        }

        return value;
    }

    public ConfigSectionReader? Section(string key)
    {
        _known.Add(key);
        return _map[key] is { } node ? new ConfigSectionReader(node, $"{_path}.{key}", _diagnostics) : null;
    }

    /// <summary>Reports every key that no reader asked for; call after reading the section.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var entry in _map.Entries.Where(e => !_known.Contains(e.Name)))
        {
            _diagnostics.Error(entry.Key, $"unknown setting '{_path}.{entry.Name}'{Suggestions.Hint(entry.Name, _known)}");
        }
    }
}
