namespace Fathom.Deployments.Releases;

/// <summary>Actions and results the deployments store writes to the audit table; other parts may add their own.</summary>
public static class AuditActions
{
    public const string Deploy = "deploy";
    public const string Reload = "reload";
    public const string Rollback = "rollback";
    public const string AliasUpdate = "alias.update";

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Unchanged = "unchanged";

    /// <summary>The actor of a change made through an API without a named user (the Lambda API, a script).</summary>
    public const string ApiActor = "api";
}
