using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Globals;

/// <summary>
/// Merges the <c>Globals</c> section into resources by SAM's rules: mappings merge key by key (so
/// <c>Environment.Variables</c> merge per variable), lists are the global items followed by the resource's, and
/// anything else (scalars, intrinsics) in the resource wins.
/// </summary>
internal sealed class GlobalsMerger
{
    private readonly Dictionary<string, MappingNode> _byType = new(StringComparer.Ordinal);

    public GlobalsMerger(TemplateNode? section, DiagnosticBag diagnostics)
    {
        if (section is null or ScalarNode { IsNull: true })
        {
            return;
        }

        if (section is not MappingNode map)
        {
            diagnostics.Error(section, $"Globals must be a mapping, not {section.Kind}");
            return;
        }

        foreach (var entry in map.Entries)
        {
            if (!GlobalsSchema.Sections.TryGetValue(entry.Name, out var schema))
            {
                diagnostics.Error(entry.Key, $"unknown Globals section '{entry.Name}'; SAM has {string.Join(", ", GlobalsSchema.Sections.Keys)}{Suggestions.Hint(entry.Name, GlobalsSchema.Sections.Keys)}");
                continue;
            }

            if (entry.Value is not MappingNode properties)
            {
                diagnostics.Error(entry.Value, $"Globals.{entry.Name} must be a mapping, not {entry.Value.Kind}");
                continue;
            }

            var accepted = new List<TemplateEntry>();
            foreach (var property in properties.Entries)
            {
                if (schema.Properties.Contains(property.Name, StringComparer.Ordinal))
                {
                    accepted.Add(property);
                    continue;
                }

                var hint = Suggestions.Closest(property.Name, schema.Properties);
                var message = hint is not null
                    ? $"'{property.Name}' is not supported in Globals.{entry.Name}; did you mean '{hint}'?"
                    : $"'{property.Name}' is not supported in Globals.{entry.Name}; set it on each resource instead";
                diagnostics.Error(property.Key, message);
            }

            _byType[schema.Type] = new MappingNode(properties.Location, accepted);
        }
    }

    /// <summary>
    /// The resource's properties with the Globals for its type merged in, minus the ones its <c>IgnoreGlobals</c>
    /// attribute names (<c>'*'</c> for all).
    /// </summary>
    public MappingNode Apply(string resourceType, MappingNode properties, TemplateNode? ignoreGlobals = null)
    {
        if (!_byType.TryGetValue(resourceType, out var globals))
        {
            return properties;
        }

        var ignored = ignoreGlobals switch
        {
            ScalarNode scalar => [scalar.Value],
            SequenceNode list => list.Items.OfType<ScalarNode>().Select(s => s.Value).ToList(),
            _ => new List<string>(),
        };
        if (ignored.Contains("*"))
        {
            return properties;
        }

        var applied = new MappingNode(globals.Location, [.. globals.Entries.Where(e => !ignored.Contains(e.Name))]);
        return (MappingNode)Merge(applied, properties);
    }

    private static TemplateNode Merge(TemplateNode global, TemplateNode local)
    {
        var globalIsMap = global is MappingNode g && !g.IsIntrinsic(out _, out _);
        var localIsMap = local is MappingNode l && !l.IsIntrinsic(out _, out _);
        if (globalIsMap && localIsMap)
        {
            var globalMap = (MappingNode)global;
            var localMap = (MappingNode)local;
            var merged = new List<TemplateEntry>();
            foreach (var entry in globalMap.Entries)
            {
                var overriding = localMap.Find(entry.Name);
                merged.Add(overriding is null ? entry : new TemplateEntry(overriding.Key, Merge(entry.Value, overriding.Value)));
            }

            merged.AddRange(localMap.Entries.Where(e => globalMap.Find(e.Name) is null));
            return new MappingNode(localMap.Location, merged);
        }

        if (global is SequenceNode globalList && local is SequenceNode localList)
        {
            return new SequenceNode(localList.Location, [.. globalList.Items, .. localList.Items]);
        }

        return local;
    }
}
