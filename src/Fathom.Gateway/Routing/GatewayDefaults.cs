namespace Fathom.Gateway.Routing;

/// <summary>API Gateway's defaults and limits that the gateway copies.</summary>
public static class GatewayDefaults
{
    /// <summary>REST APIs' integration timeout.</summary>
    public static readonly TimeSpan RestIntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>HTTP APIs' default integration timeout (<c>TimeoutInMillis</c> 30,000).</summary>
    public static readonly TimeSpan HttpIntegrationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Lambda's synchronous payload limit, 6 MB; the event (body after base64) must fit.</summary>
    public const int MaxSyncPayloadBytes = 6_291_456;

    /// <summary>Lambda's asynchronous payload limit since October 2025, 1 MB.</summary>
    public const int MaxAsyncPayloadBytes = 1_048_576;

    public const string RestStage = "Prod";

    public const string HttpStage = "$default";

    public const string Region = "us-east-1";

    public const string AccountId = "000000000000";
}
