namespace Fathom.Deployments.Versions;

/// <summary>The environment's newest release as a write sees it: its number (0 before the first), each function's alias
/// and version after it (null when it removed the function), and its parameters and settings text.</summary>
internal sealed record LiveRelease(
    int Number, IReadOnlyDictionary<string, (string Alias, int? Version)> Functions, string? Parameters, string? Settings);
