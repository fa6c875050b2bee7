namespace Fathom.Server.Access;

/// <summary>The claims every Fathom authentication scheme (Bearer token, SigV4 access key, dashboard cookie, the
/// no-token loopback mode of <c>fathom up</c>) puts on the caller, so one authorization rule judges them all.
/// The identity's name is the token's name: the actor the audit trail records.</summary>
public static class AccessClaims
{
    /// <summary>The role (<see cref="AccessRole"/> name, lower case).</summary>
    public const string Role = "fathom:role";

    /// <summary>The one app the credential is limited to; absent for every app.</summary>
    public const string App = "fathom:app";

    /// <summary>The one environment the credential is limited to; absent for every environment.</summary>
    public const string Environment = "fathom:env";

    /// <summary>The credential's id (a token id or an access key id), never its secret.</summary>
    public const string CredentialId = "fathom:credential";

    /// <summary>How the caller signed in: <c>bearer</c>, <c>sigv4</c>, <c>cookie</c>, <c>local</c>.</summary>
    public const string Method = "fathom:method";
}
