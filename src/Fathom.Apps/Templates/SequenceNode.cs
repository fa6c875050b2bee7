namespace Fathom.Apps.Templates;

/// <summary>A list.</summary>
internal sealed class SequenceNode(SourceLocation location, IReadOnlyList<TemplateNode> items) : TemplateNode(location)
{
    public IReadOnlyList<TemplateNode> Items { get; } = items;

    public override string Kind => "a list";
}
