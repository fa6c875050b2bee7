namespace Fathom.Server.Hosting;

/// <summary>Where and how a <see cref="FathomServer"/> listens.</summary>
public sealed class ServerOptions
{
    /// <summary>Address both ports bind to: an IP address or <c>localhost</c>. Loopback by default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The names clients reach the admin port by beyond loopback (<c>--public-name</c>); any other
    /// <c>Host</c> is refused (docs/security.md "Browser safety").</summary>
    public IReadOnlyList<string> PublicNames { get; set; } = [];

    /// <summary>The certificate both ports serve HTTPS with (<c>--tls-cert</c>/<c>--tls-key</c>); null serves HTTP.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Tls { get; set; }

    /// <summary>App traffic port (API Gateway routes); 0 picks a free port.</summary>
    public int AppPort { get; set; } = 3000;

    /// <summary>Whether the host's own app port serves the gateway (<c>fathom up</c>'s one environment). Off under
    /// <c>fathom server</c>, where each environment listens on a port of its own.</summary>
    public bool ServeAppTraffic { get; set; } = true;

    /// <summary>Admin port (JSON API, Lambda Invoke API); 0 picks a free port.</summary>
    public int AdminPort { get; set; } = 9400;

    /// <summary>Where <c>server.json</c> is written while the server runs and the telemetry stores live; null
    /// writes none and runs without telemetry.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Whether the telemetry pipeline runs (it needs <see cref="DataDirectory"/>). Off only to measure what it
    /// costs (bench/telemetry/cost.sh).</summary>
    public bool Telemetry { get; set; } = true;

    /// <summary>Retention of the log store (server-level: an app cannot widen it).</summary>
    public Fathom.Telemetry.Logs.LogRetentionOptions LogRetention { get; set; } = new();

    /// <summary>Retention of the metric store per resolution (server-level, like <see cref="LogRetention"/>).</summary>
    public Fathom.Telemetry.Metrics.MetricRetentionOptions MetricRetention { get; set; } = new();

    /// <summary>Whether metrics are recorded (the API still answers). Off only to measure what they cost on top of logs
    /// (bench/telemetry/cost.sh).</summary>
    public bool Metrics { get; set; } = true;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary><c>--time-scale N</c>: configured durations (alarm periods ...) pass N times faster (DESIGN.md "Time").</summary>
    public Fathom.Platform.Time.TimeScale TimeScale { get; set; } = Fathom.Platform.Time.TimeScale.None;

    /// <summary>Who may call the admin port: <c>fathom up</c>'s no-token loopback mode by default, tokens under
    /// <c>fathom server</c> (docs/security.md).</summary>
    public Access.AccessOptions Access { get; set; } = new();

    /// <summary><c>--notify-allow</c>: where notifications may connect (CIDRs, addresses, host names); empty allows any
    /// address but this host's own ports (server-level: a deployed fathom.yaml cannot widen it).</summary>
    public IReadOnlyList<string> NotifyAllow { get; set; } = [];

    /// <summary>How long the versions of an earlier release stay loaded after an alias moved away from them
    /// (server-level, for every environment; see <see cref="Environments.WarmVersions"/>).</summary>
    public TimeSpan KeepWarm { get; set; } = Environments.WarmVersions.DefaultPeriod;
}
