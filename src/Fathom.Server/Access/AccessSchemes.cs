namespace Fathom.Server.Access;

/// <summary>The authentication schemes of the admin port (docs/security.md).</summary>
public static class AccessSchemes
{
    /// <summary>The scheme every admin endpoint uses: it forwards to the one that fits the request.</summary>
    public const string Fathom = "fathom";

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>AWS Signature Version 4 with a key from <c>fathom token create --aws</c>.</summary>
    public const string SigV4 = "sigv4";

    /// <summary>The dashboard's cookie, valid under <c>/ui</c> only.</summary>
    public const string Cookie = "cookie";

    /// <summary><c>fathom up</c>'s no-token loopback mode.</summary>
    public const string Local = "local";
}
