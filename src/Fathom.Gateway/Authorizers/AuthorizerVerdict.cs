using Fathom.Gateway.Authorizers.Jwt;

namespace Fathom.Gateway.Authorizers;

/// <summary>What the gateway does with a request after its route's checks.</summary>
/// <param name="Outcome">Let in, or which refusal.</param>
/// <param name="Context">When let in, the JSON object the integration sees as <c>requestContext.authorizer</c>; null for none.</param>
/// <param name="Jwt">For a refused token, what goes into <c>www-authenticate</c>.</param>
internal sealed record AuthorizerVerdict(AuthorizerOutcome Outcome, byte[]? Context = null, JwtFailure? Jwt = null)
{
    public static readonly AuthorizerVerdict Open = new(AuthorizerOutcome.Allow);

    public bool Allowed => Outcome == AuthorizerOutcome.Allow;

    /// <summary>The decision as <c>GatewayRequestCompleted.AuthorizerDecision</c> records it.</summary>
    public string Decision => Outcome switch
    {
        AuthorizerOutcome.Allow => "allow",
        AuthorizerOutcome.Unauthorized => "unauthorized",
        AuthorizerOutcome.Error => "error",
        _ => "deny",
    };
}
