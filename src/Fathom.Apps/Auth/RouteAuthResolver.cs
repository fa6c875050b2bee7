using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Auth;

/// <summary>Works out what one route requires from its event's <c>Auth</c> and its API's: the event's authorizer,
/// else the API's <c>DefaultAuthorizer</c>, <c>NONE</c> opening the route; scopes from the event, else the
/// authorizer's; <c>ApiKeyRequired</c> from the event, else the API's.</summary>
internal static class RouteAuthResolver
{
    public static RouteAuthModel? Resolve(ApiAuthModel api, EventAuthModel? @event, string owner, SourceLocation at, DiagnosticBag diagnostics)
    {
        var name = @event?.Authorizer ?? api.DefaultAuthorizer;
        AuthorizerModel? authorizer = null;
        if (name == AuthNames.Iam)
        {
            diagnostics.Warning(at, $"{owner} uses AWS_IAM authorization, which Fathom cannot check: its requests are refused with 403 as unsigned requests are on AWS");
            authorizer = new AuthorizerModel { Name = AuthNames.Iam, Kind = AuthorizerKind.Iam };
        }
        else if (name is not null && name != AuthNames.None)
        {
            if (!api.Authorizers.TryGetValue(name, out authorizer))
            {
                // Reported once for the API when it is its default; an event's own unknown name is reported here.
                if (@event?.Authorizer is not null)
                {
                    diagnostics.Error(at, $"{owner}: authorizer '{name}' is not declared in the API's Auth.Authorizers{Suggestions.Hint(name, api.Authorizers.Keys)}");
                }

                return null;
            }
        }

        var apiKey = @event?.ApiKeyRequired ?? api.ApiKeyRequired;
        if (authorizer is null && !apiKey)
        {
            return null;
        }

        return new RouteAuthModel
        {
            Authorizer = authorizer,
            Scopes = @event?.AuthorizationScopes ?? authorizer?.AuthorizationScopes ?? [],
            ApiKeyRequired = apiKey,
        };
    }
}
