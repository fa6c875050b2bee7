namespace Fathom.Apps.Config;

/// <summary>The <c>api:</c> section: where JWT authorizers find issuers' keys, and the API keys routes accept.</summary>
public sealed record ApiConfig
{
    /// <summary>Issuer → an absolute JWKS file path or an http(s) URL, used instead of the issuer's discovery document.</summary>
    public IReadOnlyDictionary<string, string> Jwks { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Key name → value; a request to an <c>ApiKeyRequired</c> route must send one value in <c>x-api-key</c>.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
