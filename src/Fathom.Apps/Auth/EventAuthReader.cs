using Fathom.Apps.Resources;

namespace Fathom.Apps.Auth;

/// <summary>Reads an <c>Api</c> or <c>HttpApi</c> event's <c>Auth</c>.</summary>
internal static class EventAuthReader
{
    public static EventAuthModel? Read(PropertyReader @event)
    {
        if (@event.Map("Auth") is not { } auth)
        {
            return null;
        }

        if (auth.Raw("ResourcePolicy") is not null)
        {
            auth.Context.Diagnostics.Warning(auth.LocationOf("ResourcePolicy"), $"{auth.Owner}.ResourcePolicy is not enforced by Fathom");
        }

        return new EventAuthModel
        {
            Authorizer = auth.String("Authorizer"),
            ApiKeyRequired = auth.Bool("ApiKeyRequired"),
            AuthorizationScopes = auth.Raw("AuthorizationScopes") is null ? null : auth.StringList("AuthorizationScopes"),
        };
    }
}
