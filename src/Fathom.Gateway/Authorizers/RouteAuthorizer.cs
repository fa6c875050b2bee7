using System.Security.Cryptography;
using System.Text;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Authorizers;

/// <summary>Applies a route's <see cref="RouteAuthorization"/>: its authorizer, then its API key requirement. A route
/// without one is let in untouched.</summary>
internal sealed class RouteAuthorizer(LambdaAuthorizer lambda, JwtAuthorizer jwt)
{
    public const string ApiKeyHeader = "x-api-key";

    public async Task<AuthorizerVerdict> AuthorizeAsync(GatewayRequest request, RouteMatch match, string traceId, CancellationToken cancellationToken)
    {
        var auth = match.Route.Config.Auth;
        if (auth is null)
        {
            return AuthorizerVerdict.Open;
        }

        var verdict = auth.Authorizer switch
        {
            null => AuthorizerVerdict.Open,
            { Type: AuthorizerType.Iam } => new AuthorizerVerdict(AuthorizerOutcome.MissingSignature),
            { Type: AuthorizerType.Token or AuthorizerType.Request } s => await lambda.AuthorizeAsync(s, request, match, traceId, cancellationToken),
            var s => await jwt.AuthorizeAsync(s, auth.Scopes, request, match, cancellationToken),
        };
        if (!verdict.Allowed || !auth.ApiKeyRequired)
        {
            return verdict;
        }

        return HasValidKey(request, auth.ApiKeys) ? verdict : new AuthorizerVerdict(AuthorizerOutcome.Forbidden);
    }

    private static bool HasValidKey(GatewayRequest request, IReadOnlyList<string> keys)
    {
        var sent = request.Headers.LastOrDefault(h => h.Key.Equals(ApiKeyHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(sent))
        {
            return false;
        }

        // Compared in constant time, so response timing does not leak how much of a key was right.
        var bytes = Encoding.UTF8.GetBytes(sent);
        var found = false;
        foreach (var key in keys)
        {
            found |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key));
        }

        return found;
    }
}
