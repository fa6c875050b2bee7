namespace Fathom.Telemetry.Errors;

/// <summary>A change of state asked for through the API or the CLI.</summary>
/// <param name="State">The new state.</param>
/// <param name="IgnoredUntil">For <c>ignored</c>: until this time.</param>
/// <param name="IgnoredForEvents">For <c>ignored</c>: until this many more events.</param>
public sealed record IssueStateRequest(string State, DateTimeOffset? IgnoredUntil = null, long? IgnoredForEvents = null);
