namespace Fathom.Server.Access;

/// <summary>How the admin port decides who is calling (docs/security.md).</summary>
public enum AccessMode
{
    /// <summary><c>fathom up</c>: no token; every caller is the local owner, and the browser checks are the defence.</summary>
    Local,

    /// <summary><c>fathom server</c>: every request brings a bearer token, an AWS key's signature, or the dashboard's cookie.</summary>
    Tokens,
}
