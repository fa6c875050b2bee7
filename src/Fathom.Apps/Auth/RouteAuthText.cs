namespace Fathom.Apps.Auth;

/// <summary>How <c>fathom validate</c> and <c>fathom up</c> show a route's protection, so a user sees which routes
/// are enforced and how.</summary>
public static class RouteAuthText
{
    /// <summary>Empty for an open route, else e.g. <c>  auth: MyAuth (Lambda TOKEN), API key</c>.</summary>
    public static string Describe(RouteAuthModel? auth)
    {
        if (auth is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (auth.Authorizer is { } a)
        {
            var kind = a.Kind switch
            {
                AuthorizerKind.LambdaToken => "Lambda TOKEN",
                AuthorizerKind.LambdaRequest => "Lambda REQUEST",
                AuthorizerKind.Jwt => "JWT",
                AuthorizerKind.CognitoUserPool => "Cognito",
                _ => "refused: IAM signatures are not checked",
            };
            parts.Add(a.Kind == AuthorizerKind.Iam ? $"AWS_IAM ({kind})" : $"{a.Name} ({kind}{(auth.Scopes.Count > 0 ? ", scopes " + string.Join(' ', auth.Scopes) : "")})");
        }

        if (auth.ApiKeyRequired)
        {
            parts.Add("API key");
        }

        return "  auth: " + string.Join(", ", parts);
    }
}
