using System.Text.Json;
using Fathom.Gateway.Authorizers.Jwt;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Authorizers;

/// <summary>Runs a JWT authorizer (HTTP API) or a Cognito user-pool authorizer (REST): the token from the identity
/// source, the issuer's keys (never fetched for an issuer the authorizer does not name), then
/// <see cref="JwtValidator"/>; the claims go to the integration.</summary>
internal sealed class JwtAuthorizer(JwksProvider jwks, TimeProvider time)
{
    public async Task<AuthorizerVerdict> AuthorizeAsync(AuthorizerSettings settings, IReadOnlyList<string> scopes, GatewayRequest request, RouteMatch match, CancellationToken cancellationToken)
    {
        var route = match.Route;
        var sourceText = settings.IdentitySources.Count > 0
            ? settings.IdentitySources[0]
            : route.Kind == ApiKind.Rest ? "method.request.header.Authorization" : "$request.header.Authorization";
        var value = IdentitySource.Parse(sourceText)?.Read(request, route);
        if (value is null)
        {
            return new AuthorizerVerdict(AuthorizerOutcome.Unauthorized);
        }

        if (settings.ValidationExpression is { Length: > 0 } pattern && !TokenPattern.Matches(pattern, value))
        {
            return new AuthorizerVerdict(AuthorizerOutcome.Unauthorized);
        }

        var token = JwtToken.TryParse(value);
        if (token is null || settings.Issuers.Count == 0)
        {
            return Refused(new JwtFailure(401, "invalid_token", "the token is not a signed JWT"));
        }

        var claimed = token.Payload.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
        var issuer = claimed is not null && settings.Issuers.Contains(claimed, StringComparer.Ordinal) ? claimed : settings.Issuers[0];
        settings.JwksOverrides.TryGetValue(issuer, out var location);
        var keys = await jwks.GetAsync(issuer, location, token.KeyId, cancellationToken);
        if (keys is null)
        {
            return Refused(new JwtFailure(401, "invalid_token", "the issuer's signing keys could not be fetched"));
        }

        if (JwtValidator.Validate(token, keys, settings, scopes, time.GetUtcNow()) is { } failure)
        {
            // REST answers every Cognito refusal, a missing scope included, with 401.
            return failure.Status == 403 && route.Kind == ApiKind.Http
                ? new AuthorizerVerdict(AuthorizerOutcome.Forbidden, Jwt: failure)
                : Refused(failure);
        }

        return new AuthorizerVerdict(AuthorizerOutcome.Allow, IntegrationContext(route, token.Payload));
    }

    private static AuthorizerVerdict Refused(JwtFailure failure) => new(AuthorizerOutcome.Unauthorized, Jwt: failure);

    /// <summary>HTTP payload 2.0: <c>{"jwt": {"claims", "scopes"}}</c>; HTTP payload 1.0: <c>{"claims", "scopes"}</c>;
    /// REST (Cognito): <c>{"claims"}</c>.</summary>
    private static byte[] IntegrationContext(RouteModel route, JsonElement claims)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var v2 = route.Kind == ApiKind.Http && route.PayloadVersion == "2.0";
            if (v2)
            {
                w.WriteStartObject("jwt");
            }

            w.WritePropertyName("claims");
            JwtClaimsFormat.Write(w, claims);
            if (route.Kind == ApiKind.Http)
            {
                if (JwtValidator.Scopes(claims) is { } scopes)
                {
                    w.WriteStartArray("scopes");
                    foreach (var scope in scopes)
                    {
                        w.WriteStringValue(scope);
                    }

                    w.WriteEndArray();
                }
                else
                {
                    w.WriteNull("scopes");
                }
            }

            if (v2)
            {
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
