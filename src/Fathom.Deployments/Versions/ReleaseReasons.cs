namespace Fathom.Deployments.Versions;

/// <summary>Well-known reasons recorded in the release history; any short text is accepted.</summary>
public static class ReleaseReasons
{
    /// <summary>A new version was published.</summary>
    public const string Publish = "publish";

    /// <summary>A deploy moved the alias.</summary>
    public const string Deploy = "deploy";

    /// <summary><c>fathom up</c> rebuilt changed code or configuration.</summary>
    public const string Reload = "reload";

    /// <summary>The alias went back to an earlier version.</summary>
    public const string Rollback = "rollback";

    /// <summary>A rollout step changed the alias's weights.</summary>
    public const string Rollout = "rollout";

    /// <summary>Someone set the alias by hand.</summary>
    public const string Manual = "manual";
}
