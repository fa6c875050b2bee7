namespace Fathom.Apps.Templates;

/// <summary>Stops reading a document that breaks a <see cref="TemplateLimits"/> bound.</summary>
internal sealed class TemplateRefusedException(SourceLocation location, string message) : Exception(message)
{
    public SourceLocation Location { get; } = location;
}
