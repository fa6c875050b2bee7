namespace Fathom.Apps.Templates;

/// <summary>A node of a template read from YAML or JSON; every node knows where it came from.</summary>
internal abstract class TemplateNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>A short name of the node's shape for error messages.</summary>
    public abstract string Kind { get; }
}
