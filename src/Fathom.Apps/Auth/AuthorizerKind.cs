namespace Fathom.Apps.Auth;

public enum AuthorizerKind
{
    /// <summary>REST Lambda authorizer, <c>FunctionPayloadType: TOKEN</c> (the default).</summary>
    LambdaToken,

    /// <summary>Lambda authorizer fed the request: REST <c>REQUEST</c> and every HTTP API Lambda authorizer.</summary>
    LambdaRequest,

    /// <summary>HTTP API <c>JwtConfiguration</c>.</summary>
    Jwt,

    /// <summary>REST <c>UserPoolArn</c>.</summary>
    CognitoUserPool,

    /// <summary><c>AWS_IAM</c>: requests must be SigV4-signed; Fathom cannot check that and refuses them.</summary>
    Iam,
}
