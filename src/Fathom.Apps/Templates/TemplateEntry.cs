namespace Fathom.Apps.Templates;

/// <summary>One key and value of a mapping; the key keeps its own location for errors about the key.</summary>
internal sealed record TemplateEntry(ScalarNode Key, TemplateNode Value)
{
    public string Name => Key.Value;
}
