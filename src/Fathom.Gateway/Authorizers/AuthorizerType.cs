namespace Fathom.Gateway.Authorizers;

/// <summary>The kinds of authorizer the gateway enforces.</summary>
public enum AuthorizerType
{
    /// <summary>REST Lambda authorizer fed one token header (<c>FunctionPayloadType: TOKEN</c>).</summary>
    Token,

    /// <summary>Lambda authorizer fed the request (REST <c>REQUEST</c>, every HTTP API Lambda authorizer).</summary>
    Request,

    /// <summary>HTTP API JWT authorizer (<c>JwtConfiguration</c>).</summary>
    Jwt,

    /// <summary>REST Cognito user-pool authorizer, validated as a JWT against the pool's keys.</summary>
    CognitoUserPools,

    /// <summary><c>AWS_IAM</c>: SigV4-signed requests only. Fathom cannot check signatures, so it refuses every request
    /// as API Gateway refuses an unsigned one.</summary>
    Iam,
}
