namespace Fathom.Gateway.Invoke;

/// <summary>Builds Lambda ARNs (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>).</summary>
public static class LambdaArn
{
    public static string For(GatewayOptions options, string functionName, string? qualifier = null) =>
        $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{functionName}" + (qualifier is null ? "" : ":" + qualifier);
}
