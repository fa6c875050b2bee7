namespace Fathom.Gateway.Authorizers;

/// <summary>The ARN a Lambda authorizer's policy is judged against.</summary>
internal static class MethodArn
{
    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without the leading /}</c>;
    /// the root path ends in <c>/GET/</c>. The path is the concrete one requested, parameters filled in.</summary>
    public static string For(string region, string account, string apiId, string stage, string method, string path) =>
        $"arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path.TrimStart('/')}";
}
