using Fathom.Gateway.Routing;

namespace Fathom.Gateway.Authorizers;

/// <summary>Checks a route's authorization settings, so a protected route with settings the gateway cannot apply is
/// refused with the other route errors instead of being served open.</summary>
internal static class RouteAuthorizationValidator
{
    public static void Validate(GatewayRoute route, string where, List<string> errors)
    {
        if (route.Auth?.Authorizer is not { } a)
        {
            return;
        }

        var name = $"{where}: authorizer {a.Name}";
        if (a.Type is AuthorizerType.Token or AuthorizerType.Request && string.IsNullOrWhiteSpace(a.FunctionName))
        {
            errors.Add($"{name} names no function");
        }

        if (a.Type is AuthorizerType.Jwt or AuthorizerType.CognitoUserPools && a.Issuers.Count == 0)
        {
            errors.Add($"{name} names no issuer");
        }

        if (a.ResultTtlSeconds is < 0 or > 3600)
        {
            errors.Add($"{name}: the result TTL must be between 0 and 3600 seconds, not {a.ResultTtlSeconds}");
        }

        if (a.PayloadFormatVersion is not ("1.0" or "2.0"))
        {
            errors.Add($"{name}: the payload format version must be 1.0 or 2.0, not '{a.PayloadFormatVersion}'");
        }

        foreach (var source in a.IdentitySources.Where(s => IdentitySource.Parse(s) is null))
        {
            errors.Add($"{name}: identity source '{source}' is not a header, query string, context or stage variable");
        }
    }
}
