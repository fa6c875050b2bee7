namespace Fathom.Apps.Templates;

/// <summary>Bounds that keep hostile input (alias bombs, deep nesting, huge files) from hanging or exhausting the loader.</summary>
internal sealed record TemplateLimits
{
    public static TemplateLimits Default { get; } = new();

    /// <summary>Real templates are far below this; CloudFormation itself caps templates at 1 MB.</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxDepth { get; init; } = 100;

    /// <summary>Nodes after expanding aliases; counts shared nodes once per use, so alias bombs stop here.</summary>
    public int MaxNodes { get; init; } = 250_000;
}
