namespace Fathom.Server.Access.Store;

/// <summary>One row of <c>access.db</c>'s audit: who created or revoked which credential, from where.</summary>
public sealed record AccessAuditRecord(long Id, DateTimeOffset At, string Actor, string? Source, string Action, string Target, string? Detail);
