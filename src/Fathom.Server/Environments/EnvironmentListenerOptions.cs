using System.Net;
using Fathom.Gateway.Traffic;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Environments;

/// <summary>What every environment's app-traffic listener shares with the host: the address, the one gateway event hub
/// the telemetry ingest subscribes to, logging, time and the certificate (every app port serves HTTPS when the admin
/// port does).</summary>
internal sealed record EnvironmentListenerOptions(
    IPAddress Address, int Port, GatewayEventHub GatewayEvents, ILoggerFactory LoggerFactory, TimeProvider TimeProvider,
    System.Security.Cryptography.X509Certificates.X509Certificate2? Tls = null);
