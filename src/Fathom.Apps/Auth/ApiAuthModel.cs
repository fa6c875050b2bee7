namespace Fathom.Apps.Auth;

/// <summary>An API's <c>Auth</c>: its authorizers and what routes get unless they say otherwise.</summary>
public sealed record ApiAuthModel
{
    public static ApiAuthModel None { get; } = new();

    public IReadOnlyDictionary<string, AuthorizerModel> Authorizers { get; init; } = new Dictionary<string, AuthorizerModel>(StringComparer.Ordinal);

    /// <summary>The authorizer of routes that name none (<c>DefaultAuthorizer</c>), <c>AWS_IAM</c>, or null.</summary>
    public string? DefaultAuthorizer { get; init; }

    /// <summary>REST <c>Auth.ApiKeyRequired</c>.</summary>
    public bool ApiKeyRequired { get; init; }
}
