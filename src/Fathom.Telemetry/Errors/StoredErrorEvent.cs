namespace Fathom.Telemetry.Errors;

/// <summary>A sample event as stored with its issue.</summary>
/// <param name="Id">The row id (a cursor, and what a later SDK report replaces the frames of).</param>
/// <param name="IssueId">The issue.</param>
/// <param name="Event">The event.</param>
public sealed record StoredErrorEvent(long Id, long IssueId, ErrorEvent Event);
