namespace Fathom.Apps.Auth;

/// <summary>One authorizer of an API's <c>Auth.Authorizers</c>, normalised from SAM's REST and HTTP API shapes.</summary>
public sealed record AuthorizerModel
{
    public required string Name { get; init; }

    public required AuthorizerKind Kind { get; init; }

    /// <summary>Lambda authorizers: the function's name, from <c>FunctionArn</c>.</summary>
    public string? FunctionName { get; init; }

    /// <summary>In API Gateway's syntax: <c>method.request.header.Authorization</c> (REST), <c>$request.header.Authorization</c> (HTTP).</summary>
    public IReadOnlyList<string> IdentitySources { get; init; } = [];

    public string? ValidationExpression { get; init; }

    /// <summary><c>Identity.ReauthorizeEvery</c>; 300 unless set, 0 turns caching off.</summary>
    public int ResultTtlSeconds { get; init; } = 300;

    /// <summary>HTTP API Lambda: <c>AuthorizerPayloadFormatVersion</c>; REST: 1.0.</summary>
    public string PayloadFormatVersion { get; init; } = "1.0";

    public bool SimpleResponses { get; init; }

    /// <summary>JWT: the issuer; Cognito: one per user pool.</summary>
    public IReadOnlyList<string> Issuers { get; init; } = [];

    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>HTTP API JWT: the scopes of routes that name none.</summary>
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];
}
