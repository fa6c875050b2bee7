using System.Text;
using Fathom.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace Fathom.Gateway.Authorizers;

/// <summary>The refusals API Gateway itself writes for authorizers, byte for byte (docs/authorizers.md): REST's
/// <c>Message</c> with a capital M on access denied and <c>{"message": null}</c> on an authorizer failure are real.</summary>
internal static class AuthorizerResponses
{
    public static Task WriteAsync(HttpContext context, ApiKind kind, AuthorizerVerdict verdict)
    {
        var (status, body, errorType) = (kind, verdict.Outcome) switch
        {
            (ApiKind.Rest, AuthorizerOutcome.Unauthorized) => (401, """{"message":"Unauthorized"}""", "UnauthorizedException"),
            (ApiKind.Rest, AuthorizerOutcome.ExplicitDeny) =>
                (403, """{"Message":"User is not authorized to access this resource with an explicit deny"}""", "AccessDeniedException"),
            (ApiKind.Rest, AuthorizerOutcome.ImplicitDeny) => (403, """{"Message":"User is not authorized to access this resource"}""", "AccessDeniedException"),
            (ApiKind.Rest, AuthorizerOutcome.MissingSignature) => (403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException"),
            (ApiKind.Rest, AuthorizerOutcome.Forbidden) => (403, """{"message":"Forbidden"}""", "ForbiddenException"),
            (ApiKind.Rest, _) => (500, """{"message": null}""", "AuthorizerConfigurationException"),
            (_, AuthorizerOutcome.Unauthorized) => (401, """{"message":"Unauthorized"}""", (string?)null),
            (_, AuthorizerOutcome.Error) => (500, """{"message":"Internal Server Error"}""", null),
            _ => (403, """{"message":"Forbidden"}""", null),
        };

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (errorType is not null)
        {
            response.Headers["x-amzn-ErrorType"] = errorType;
        }

        if (verdict.Jwt is { } jwt && kind == ApiKind.Http)
        {
            response.Headers.WWWAuthenticate = $"Bearer scope=\"\" error=\"{jwt.Error}\" error_description=\"{jwt.Description}\"";
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
