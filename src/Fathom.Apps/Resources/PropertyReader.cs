using System.Globalization;
using System.Text.Json;
using Fathom.Apps.Intrinsics;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Resources;

/// <summary>Reads typed values out of a (Globals-merged) property mapping, resolving intrinsics and reporting wrong types.</summary>
internal sealed class PropertyReader(TemplateContext context, MappingNode? properties, string owner)
{
    public TemplateContext Context => context;

    public MappingNode? Properties => properties;

    public string Owner => owner;

    public TemplateNode? Raw(string key) => properties?[key];

    public SourceLocation LocationOf(string key) => properties?.Find(key)?.Key.Location ?? properties?.Location ?? SourceLocation.OfFile(context.File);

    public TemplateNode? Node(string key) => Raw(key) is { } raw ? context.Resolver.Resolve(raw) : null;

    public string? String(string key)
    {
        if (Raw(key) is not { } raw)
        {
            return null;
        }

        switch (context.Resolver.Resolve(raw))
        {
            case null or ScalarNode { IsNull: true }:
                return null;
            case ScalarNode scalar:
                return scalar.Value;
            case MappingNode map when IntrinsicResolver.IsUnresolved(map):
                return IntrinsicResolver.Placeholder(map);
            case var other:
                context.Diagnostics.Error(raw, $"{owner}.{key} must be a string, not {other.Kind}");
                return null;
        }
    }

    public int? Int(string key, int? min = null, int? max = null, string? unit = null)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            context.Diagnostics.Error(Raw(key)!, $"{owner}.{key} must be a whole number, not '{text}'");
            return null;
        }

        if ((min is not null && value < min) || (max is not null && value > max))
        {
            context.Diagnostics.Error(Raw(key)!, $"{owner}.{key} is {value}{unit}; it must be from {min} to {max}{unit}");
            return null;
        }

        return value;
    }

    public double? Double(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            context.Diagnostics.Error(Raw(key)!, $"{owner}.{key} must be a number, not '{text}'");
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            context.Diagnostics.Error(Raw(key)!, $"{owner}.{key} must be true or false, not '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>A list of strings; a single string counts as a one-item list.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var resolved = Node(key);
        switch (resolved)
        {
            case null or ScalarNode { IsNull: true }:
                return [];
            case ScalarNode scalar:
                return [scalar.Value];
            case SequenceNode list:
                var items = new List<string>();
                foreach (var item in list.Items)
                {
                    switch (item)
                    {
                        case ScalarNode scalar:
                            items.Add(scalar.Value);
                            break;
                        case MappingNode map when IntrinsicResolver.IsUnresolved(map):
                            items.Add(IntrinsicResolver.Placeholder(map));
                            break;
                        default:
                            context.Diagnostics.Error(item, $"{owner}.{key} items must be strings, not {item.Kind}");
                            break;
                    }
                }

                return items;
            case MappingNode map when IntrinsicResolver.IsUnresolved(map):
                return [IntrinsicResolver.Placeholder(map)];
            default:
                context.Diagnostics.Error(Raw(key)!, $"{owner}.{key} must be a list of strings, not {resolved.Kind}");
                return [];
        }
    }

    /// <summary>A nested mapping as its own reader, or null when absent or of the wrong shape (reported).</summary>
    public PropertyReader? Map(string key)
    {
        if (Raw(key) is not { } raw || raw is ScalarNode { IsNull: true })
        {
            return null;
        }

        var resolved = context.Resolver.Resolve(raw);
        if (resolved is MappingNode map)
        {
            // Already resolved; resolving a resolved tree again is a no-op apart from constants.
            return new PropertyReader(context, map, $"{owner}.{key}");
        }

        if (resolved is not null)
        {
            context.Diagnostics.Error(raw, $"{owner}.{key} must be a mapping, not {resolved.Kind}");
        }

        return null;
    }

    /// <summary>A mapping of names to strings (environment variables, dimensions).</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = Map(key);
        if (map?.Properties is null)
        {
            return result;
        }

        foreach (var entry in map.Properties.Entries)
        {
            if (map.String(entry.Name) is { } value)
            {
                result[entry.Name] = value;
            }
        }

        return result;
    }

    /// <summary>The resolved value as JSON, for settings kept as data.</summary>
    public JsonElement? Data(string key) => Node(key) is { } node ? NodeJson.ToJson(node) : null;
}
