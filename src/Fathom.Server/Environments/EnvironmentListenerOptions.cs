using System.Net;
using Fathom.Gateway.Traffic;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Environments;

/// <summary>What every environment's app-traffic listener shares with the host: the address, the one gateway event hub
/// the telemetry ingest subscribes to, logging and time.</summary>
internal sealed record EnvironmentListenerOptions(
    IPAddress Address, int Port, GatewayEventHub GatewayEvents, ILoggerFactory LoggerFactory, TimeProvider TimeProvider);
