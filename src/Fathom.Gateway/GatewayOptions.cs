using Fathom.Gateway.Routing;

namespace Fathom.Gateway;

/// <summary>Settings of the gateway and the Invoke API.</summary>
public sealed class GatewayOptions
{
    /// <summary>Region used in ARNs and events.</summary>
    public string Region { get; set; } = GatewayDefaults.Region;

    /// <summary>Account id used in ARNs and events.</summary>
    public string AccountId { get; set; } = GatewayDefaults.AccountId;

    /// <summary>Largest <c>Event</c> (asynchronous) payload the Invoke API accepts; Lambda's is 1 MB (256 KB before October 2025).</summary>
    public int MaxAsyncPayloadBytes { get; set; } = GatewayDefaults.MaxAsyncPayloadBytes;

    /// <summary>Seconds a throttled Invoke API caller is told to wait (<c>Retry-After</c>).</summary>
    public int ThrottleRetryAfterSeconds { get; set; } = 1;
}
