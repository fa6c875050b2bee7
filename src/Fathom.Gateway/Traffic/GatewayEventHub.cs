using Fathom.Platform.Events;

namespace Fathom.Gateway.Traffic;

/// <summary>The gateway's <see cref="GatewayRequestCompleted"/> events, one bounded queue per subscriber.</summary>
public sealed class GatewayEventHub : EventHub<GatewayRequestCompleted>;
