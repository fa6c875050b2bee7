namespace Fathom.Apps.Auth;

/// <summary>An <c>Api</c> / <c>HttpApi</c> event's <c>Auth</c>; null members fall back to the API's.</summary>
public sealed record EventAuthModel
{
    /// <summary>An authorizer name, <c>NONE</c> or <c>AWS_IAM</c>.</summary>
    public string? Authorizer { get; init; }

    public bool? ApiKeyRequired { get; init; }

    public IReadOnlyList<string>? AuthorizationScopes { get; init; }
}
