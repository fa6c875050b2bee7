namespace Fathom.Apps.Templates;

/// <summary>Bounds that keep hostile input (alias bombs, deep nesting, huge files) from hanging or exhausting the loader.</summary>
internal sealed record TemplateLimits
{
    public static TemplateLimits Default { get; } = new();

    /// <summary>Real templates are far below this; CloudFormation itself caps templates at 1 MB.</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxDepth { get; init; } = 100;

    /// <summary>Nodes after expanding aliases; counts shared nodes once per use, so alias bombs stop here. A 5 MB
    /// template written by hand holds well under a million.</summary>
    public int MaxNodes { get; init; } = 1_000_000;

    /// <summary>
    /// Nested levels while evaluating one value: its own nesting (at most <see cref="MaxDepth"/>) plus references that
    /// dependency order does not resolve ahead. Beyond it, or when the stack runs low, the value is an error.
    /// </summary>
    public int MaxEvaluationDepth { get; init; } = 1_000;
}
