namespace Fathom.Deployments.Releases;

/// <summary>One stored row of the append-only audit table.</summary>
/// <param name="Id">Increasing; the cursor for paging.</param>
public sealed record AuditRecord(
    long Id, DateTimeOffset At, string Actor, string Action, string App, string Environment, string Target, string Result, string? Detail, string? Source = null);
