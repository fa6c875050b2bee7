namespace Fathom.Telemetry.Errors;

/// <summary>A page of issues and the cursor of the next, or null at the end.</summary>
public sealed record IssuePage(IReadOnlyList<IssueSummary> Issues, IssueCursor? Next);
