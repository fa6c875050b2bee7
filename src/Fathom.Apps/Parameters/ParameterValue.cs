using Fathom.Apps.Templates;

namespace Fathom.Apps.Parameters;

/// <summary>A parameter's final value; list types (<c>CommaDelimitedList</c>, <c>List&lt;...&gt;</c>) resolve to lists.</summary>
internal sealed record ParameterValue(string Name, string Type, string Value)
{
    public bool IsList => Type == "CommaDelimitedList" || Type.StartsWith("List<", StringComparison.Ordinal);

    public IReadOnlyList<string> Items => Value.Length == 0 ? [] : [.. Value.Split(',').Select(v => v.Trim())];

    public TemplateNode ToNode(SourceLocation at) => IsList
        ? new SequenceNode(at, [.. Items.Select(i => (TemplateNode)new ScalarNode(at, i, isQuoted: true))])
        : new ScalarNode(at, Value, isQuoted: Type != "Number");
}
