namespace Fathom.Deployments.Versions;

/// <summary>An immutable published version of a function: its code (artifact) and configuration at publish time.</summary>
/// <param name="Function">The function name.</param>
/// <param name="Number">The version number, 1..N per function.</param>
/// <param name="ArtifactHash">The packaging content hash naming the code artifact.</param>
/// <param name="ConfigHash">A hash of the function's configuration, chosen by the caller.</param>
/// <param name="ConfigJson">The function's configuration as JSON, as the caller gave it.</param>
/// <param name="CreatedAt">When the version was published.</param>
/// <param name="Description">An optional note, e.g. what triggered the publish.</param>
public sealed record FunctionVersion(
    string Function, int Number, string ArtifactHash, string ConfigHash, string ConfigJson, DateTimeOffset CreatedAt, string? Description);
