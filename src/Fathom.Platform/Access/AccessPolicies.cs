namespace Fathom.Platform.Access;

/// <summary>The authorization policies every admin-port endpoint names (docs/security.md). Roles are ordered: a token
/// with a larger role passes every smaller one's policy (read &lt; invoke &lt; deploy &lt; admin). Features declare one
/// per endpoint with <c>RequireAuthorization(AccessPolicies.X)</c>; an endpoint that takes no token says so with
/// <c>AllowAnonymous()</c> and its own check (the Sentry DSN key, the status page).</summary>
public static class AccessPolicies
{
    /// <summary>Reading: status, logs, errors, metrics, events, alarms, audit.</summary>
    public const string Read = "fathom.read";

    /// <summary>Invoking functions (the Invoke API).</summary>
    public const string Invoke = "fathom.invoke";

    /// <summary>Changing what runs: deploy, rollback, aliases, promote/abort, issue states.</summary>
    public const string Deploy = "fathom.deploy";

    /// <summary>Managing the server itself: tokens, secrets.</summary>
    public const string Admin = "fathom.admin";
}
