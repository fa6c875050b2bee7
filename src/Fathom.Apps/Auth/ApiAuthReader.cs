using Fathom.Apps.Resources;

namespace Fathom.Apps.Auth;

/// <summary>Reads an API's <c>Auth</c> (Globals merged): REST Lambda TOKEN/REQUEST and Cognito authorizers, HTTP API
/// Lambda and JWT authorizers, <c>DefaultAuthorizer</c> and <c>ApiKeyRequired</c>. Settings that are read but not
/// enforced get a warning that says what happens instead.</summary>
internal static class ApiAuthReader
{
    public static ApiAuthModel Read(PropertyReader api, bool rest)
    {
        var auth = api.Map("Auth");
        if (auth is null)
        {
            return ApiAuthModel.None;
        }

        foreach (var key in (string[])["ResourcePolicy", "UsagePlan"])
        {
            if (auth.Raw(key) is not null)
            {
                auth.Context.Diagnostics.Warning(auth.LocationOf(key), $"{auth.Owner}.{key} is not enforced by Fathom; the API's authorizers and API keys are");
            }
        }

        var authorizers = new Dictionary<string, AuthorizerModel>(StringComparer.Ordinal);
        if (auth.Map("Authorizers") is { Properties: { } declared } list)
        {
            foreach (var entry in declared.Entries)
            {
                if (list.Map(entry.Name) is { } one
                    && (rest ? ReadRest(entry.Name, one) : ReadHttp(entry.Name, one)) is { } model)
                {
                    authorizers[entry.Name] = model;
                }
            }
        }

        var defaultAuthorizer = auth.String("DefaultAuthorizer");
        if (defaultAuthorizer is not null and not AuthNames.Iam and not AuthNames.None && !authorizers.ContainsKey(defaultAuthorizer))
        {
            auth.Context.Diagnostics.Error(auth.Raw("DefaultAuthorizer")!,
                $"{auth.Owner}.DefaultAuthorizer '{defaultAuthorizer}' is not one of the API's authorizers{Validation.Suggestions.Hint(defaultAuthorizer, authorizers.Keys)}");
        }

        return new ApiAuthModel
        {
            Authorizers = authorizers,
            DefaultAuthorizer = defaultAuthorizer,
            ApiKeyRequired = rest && (auth.Bool("ApiKeyRequired") ?? false),
        };
    }

    private static AuthorizerModel? ReadRest(string name, PropertyReader a)
    {
        const bool restApi = true;
        var identity = a.Map("Identity");
        var ttl = identity?.Int("ReauthorizeEvery", 0, 3600, " s") ?? 300;
        if (a.Raw("UserPoolArn") is not null)
        {
            var issuers = a.StringList("UserPoolArn").Select(arn => CognitoIssuer(arn, a)).ToList();
            return new AuthorizerModel
            {
                Name = name,
                Kind = AuthorizerKind.CognitoUserPool,
                IdentitySources = [$"method.request.header.{identity?.String("Header") ?? "Authorization"}"],
                ValidationExpression = identity?.String("ValidationExpression"),
                ResultTtlSeconds = ttl,
                Issuers = issuers,
            };
        }

        if (FunctionName(a, rest: restApi) is not { } function)
        {
            return null;
        }

        var type = a.String("FunctionPayloadType") ?? "TOKEN";
        if (type is not ("TOKEN" or "REQUEST"))
        {
            a.Context.Diagnostics.Error(a.Raw("FunctionPayloadType")!, $"{a.Owner}.FunctionPayloadType must be TOKEN or REQUEST, not '{type}'");
            return null;
        }

        return new AuthorizerModel
        {
            Name = name,
            Kind = type == "TOKEN" ? AuthorizerKind.LambdaToken : AuthorizerKind.LambdaRequest,
            FunctionName = function,
            IdentitySources = type == "TOKEN"
                ? [$"method.request.header.{identity?.String("Header") ?? "Authorization"}"]
                : Sources(identity, "method.request.header.", "method.request.querystring.", "context.", "stageVariables."),
            ValidationExpression = type == "TOKEN" ? identity?.String("ValidationExpression") : null,
            ResultTtlSeconds = ttl,
        };
    }

    private static AuthorizerModel? ReadHttp(string name, PropertyReader a)
    {
        const bool restApi = false;
        if (a.Map("JwtConfiguration") is { } jwt)
        {
            // SAM's examples write the keys in lower case (issuer, audience); CloudFormation's are capitalised.
            var issuer = jwt.String("issuer") ?? jwt.String("Issuer");
            if (issuer is null)
            {
                a.Context.Diagnostics.Error(a.LocationOf("JwtConfiguration"), $"{a.Owner}.JwtConfiguration needs an issuer");
                return null;
            }

            var audience = jwt.Raw("audience") is not null ? jwt.StringList("audience") : jwt.StringList("Audience");
            return new AuthorizerModel
            {
                Name = name,
                Kind = AuthorizerKind.Jwt,
                IdentitySources = [a.String("IdentitySource") ?? "$request.header.Authorization"],
                Issuers = [issuer],
                Audience = audience,
                AuthorizationScopes = a.StringList("AuthorizationScopes"),
                ResultTtlSeconds = 0,
            };
        }

        if (FunctionName(a, rest: restApi) is not { } function)
        {
            return null;
        }

        var version = a.String("AuthorizerPayloadFormatVersion");
        if (version is not ("1.0" or "2.0"))
        {
            a.Context.Diagnostics.Error(a.Raw("AuthorizerPayloadFormatVersion") is { } at ? at.Location : a.LocationOf("FunctionArn"),
                $"{a.Owner}.AuthorizerPayloadFormatVersion must be \"1.0\" or \"2.0\"{(version is null ? " (API Gateway requires it)" : $", not '{version}'")}");
            return null;
        }

        var simple = a.Bool("EnableSimpleResponses") ?? false;
        if (simple && version != "2.0")
        {
            a.Context.Diagnostics.Error(a.Raw("EnableSimpleResponses")!, $"{a.Owner}.EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0");
        }

        var identity = a.Map("Identity");
        return new AuthorizerModel
        {
            Name = name,
            Kind = AuthorizerKind.LambdaRequest,
            FunctionName = function,
            IdentitySources = Sources(identity, "$request.header.", "$request.querystring.", "$context.", "$stageVariables."),
            ResultTtlSeconds = identity?.Int("ReauthorizeEvery", 0, 3600, " s") ?? 300,
            PayloadFormatVersion = version,
            SimpleResponses = simple,
        };
    }

    private static List<string> Sources(PropertyReader? identity, string header, string query, string context, string stage)
    {
        if (identity is null)
        {
            return [];
        }

        return
        [
            .. identity.StringList("Headers").Select(h => header + h),
            .. identity.StringList("QueryStrings").Select(q => query + q),
            .. identity.StringList("Context").Select(c => context + c),
            .. identity.StringList("StageVariables").Select(s => stage + s),
        ];
    }

    /// <summary>The function behind <c>FunctionArn</c> (<c>!GetAtt Fn.Arn</c> gives its ARN; a bare name is kept).</summary>
    private static string? FunctionName(PropertyReader a, bool rest)
    {
        var arn = a.String("FunctionArn");
        if (arn is null)
        {
            a.Context.Diagnostics.Error(a.Properties?.Location ?? a.LocationOf("FunctionArn"),
                $"{a.Owner} needs FunctionArn (a Lambda authorizer){(rest ? " or UserPoolArn (Cognito)" : " or JwtConfiguration")}");
            return null;
        }

        var marker = arn.IndexOf(":function:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return arn;
        }

        var name = arn[(marker + ":function:".Length)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }

    /// <summary><c>arn:aws:cognito-idp:{region}:{account}:userpool/{id}</c> → <c>https://cognito-idp.{region}.amazonaws.com/{id}</c>.</summary>
    private static string CognitoIssuer(string arn, PropertyReader a)
    {
        var parts = arn.Split(':');
        if (parts.Length >= 6 && parts[2] == "cognito-idp" && parts[5].StartsWith("userpool/", StringComparison.Ordinal))
        {
            return $"https://cognito-idp.{parts[3]}.amazonaws.com/{parts[5]["userpool/".Length..]}";
        }

        a.Context.Diagnostics.Warning(a.LocationOf("UserPoolArn"),
            $"{a.Owner}.UserPoolArn '{arn}' is not a user pool ARN Fathom can read; no token will be accepted for its routes");
        return arn;
    }
}
