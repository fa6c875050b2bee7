namespace Fathom.Server.Access;

/// <summary>What a token may do; each role includes every smaller one (docs/security.md).</summary>
public enum AccessRole
{
    /// <summary>Read status, logs, errors, metrics, events, alarms, audit.</summary>
    Read = 1,

    /// <summary>Also invoke functions.</summary>
    Invoke = 2,

    /// <summary>Also change what runs: deploy, rollback, aliases, promote, abort.</summary>
    Deploy = 3,

    /// <summary>Also manage tokens and secrets.</summary>
    Admin = 4,
}
