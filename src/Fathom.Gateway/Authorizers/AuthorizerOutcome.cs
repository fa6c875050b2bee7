namespace Fathom.Gateway.Authorizers;

internal enum AuthorizerOutcome
{
    Allow,

    /// <summary>No identity, a bad token, or the authorizer failed with <c>Unauthorized</c>: 401.</summary>
    Unauthorized,

    /// <summary>A policy statement denied the method: 403 with REST's explicit-deny message.</summary>
    ExplicitDeny,

    /// <summary>No policy statement allowed the method: 403.</summary>
    ImplicitDeny,

    /// <summary>HTTP API <c>isAuthorized: false</c>, a missing API key, or a token without the route's scope: 403.</summary>
    Forbidden,

    /// <summary>An <c>AWS_IAM</c> route: 403 as for a request without a signature.</summary>
    MissingSignature,

    /// <summary>The authorizer failed, timed out or answered something that is not a valid answer: 500.</summary>
    Error,
}
