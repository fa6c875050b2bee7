namespace Fathom.Apps.Templates;

/// <summary>A mapping with its keys in file order.</summary>
internal sealed class MappingNode(SourceLocation location, IReadOnlyList<TemplateEntry> entries) : TemplateNode(location)
{
    public IReadOnlyList<TemplateEntry> Entries { get; } = entries;

    public override string Kind => "a mapping";

    public TemplateNode? this[string key] => Find(key)?.Value;

    private Dictionary<string, TemplateEntry>? _index;

    public TemplateEntry? Find(string key)
    {
        if (Entries.Count <= 8)
        {
            foreach (var entry in Entries)
            {
                if (entry.Name == key)
                {
                    return entry;
                }
            }

            return null;
        }

        // Sections such as Conditions or Resources may hold tens of thousands of entries and are searched once per
        // reference; scanning them each time is quadratic. Keys are unique (the reader refuses duplicates).
        _index ??= Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        return _index.GetValueOrDefault(key);
    }

    /// <summary>
    /// True for a single-key mapping that is an intrinsic function (<c>Ref</c>, <c>Fn::*</c>, <c>Condition</c>);
    /// Globals treat these as scalars and the resolver evaluates them.
    /// </summary>
    public bool IsIntrinsic(out string name, out TemplateNode argument)
    {
        if (Entries.Count == 1 && IntrinsicNames.IsIntrinsicKey(Entries[0].Name))
        {
            name = Entries[0].Name;
            argument = Entries[0].Value;
            return true;
        }

        name = string.Empty;
        argument = this;
        return false;
    }
}
