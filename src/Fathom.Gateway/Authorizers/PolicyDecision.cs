namespace Fathom.Gateway.Authorizers;

internal enum PolicyDecision
{
    Allow,

    /// <summary>A matching statement said Deny.</summary>
    ExplicitDeny,

    /// <summary>No statement allowed the method.</summary>
    ImplicitDeny,

    /// <summary>The document is not a policy (no statements, a statement without Effect or Resource).</summary>
    Invalid,
}
