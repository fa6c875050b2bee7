namespace Fathom.Apps.Templates;

/// <summary>A scalar value; CloudFormation treats every scalar as text and converts where a number or boolean is needed.</summary>
internal sealed class ScalarNode(SourceLocation location, string value, bool isQuoted = false, bool isNull = false) : TemplateNode(location)
{
    public string Value { get; } = value;

    /// <summary>True when written in quotes, so <c>"128"</c> stays text in data kept as JSON.</summary>
    public bool IsQuoted { get; } = isQuoted;

    public bool IsNull { get; } = isNull;

    public override string Kind => IsNull ? "null" : "a scalar";

    public override string ToString() => Value;
}
