using System.Net;
using Fathom.Gateway.Traffic;
using Fathom.Platform.Endpoint;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Environments;

/// <summary>How <c>fathom server</c> creates environments: where their state lives, which ports they take, and the
/// host-wide parts every environment's runtime and listener share.</summary>
internal sealed record ServerEnvironmentOptions
{
    public required string DataDirectory { get; init; }

    public required IPAddress Address { get; init; }

    /// <summary>The server's <c>--port</c>: the first environment's app port; later ones take the next free port. 0 gives
    /// every environment a free port of its own (tests).</summary>
    public required int FirstPort { get; init; }

    public required RuntimeEventHub RuntimeEvents { get; init; }

    public required PlatformEndpointRoutes PlatformEndpoint { get; init; }

    public required GatewayEventHub GatewayEvents { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Where every environment's store hands its release and alias.moved events (platform.db).</summary>
    public required PlatformEventStore Events { get; init; }

    /// <summary>How long versions left behind by a release stay warm (<see cref="WarmVersions"/>).</summary>
    public TimeSpan KeepWarm { get; init; } = WarmVersions.DefaultPeriod;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The node executable for Node.js functions; null finds <c>node</c> on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>Runs functions in the sandbox where the machine allows it (off only in tests of the host itself).</summary>
    public bool Sandbox { get; init; } = true;

    /// <summary>Defences an environment may start without (<c>--allow-weaker-isolation</c>); every other one is required.</summary>
    public IReadOnlySet<Fathom.Runtime.Isolation.IsolationDefence> AllowedWeakerIsolation { get; init; } = new HashSet<Fathom.Runtime.Isolation.IsolationDefence>();

    /// <summary>The certificate every environment's app port serves HTTPS with; null serves HTTP.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Tls { get; init; }

    public string ArtifactsDirectory => Path.Combine(DataDirectory, "artifacts");
}
