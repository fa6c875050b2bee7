using Fathom.Apps;

namespace Fathom.Server.Up;

/// <summary>How <c>fathom up</c> serves one app: an embedded server with one environment, <c>local</c>.</summary>
public sealed class UpOptions
{
    /// <summary>The app directory or its template file.</summary>
    public required string AppPath { get; init; }

    /// <summary>Template parameter overrides, region and account.</summary>
    public AppLoadOptions Load { get; init; } = AppLoadOptions.Default;

    /// <summary>A SAM CLI <c>--env-vars</c> JSON file, or null.</summary>
    public string? EnvVarsPath { get; init; }

    /// <summary>Bind address for both ports; loopback unless told otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The names clients reach the admin port by (<c>--public-name</c>), besides loopback.</summary>
    public IReadOnlyList<string> PublicNames { get; init; } = [];

    /// <summary>PEM certificate and private key for HTTPS on both ports (<c>--tls-cert</c>, <c>--tls-key</c>).</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    public int AppPort { get; init; } = 3000;

    public int AdminPort { get; init; } = 9400;

    /// <summary>The node executable; null uses <c>fathom.yaml</c>'s <c>runtime.node</c>, else <c>node</c> on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>Rebuild and reload when the code or the template changes.</summary>
    public bool Watch { get; init; } = true;

    /// <summary>Where the route table, function output and build messages go.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Colour function names and statuses (only on a terminal).</summary>
    public bool Color { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary><c>--time-scale N</c> (DESIGN.md "Time").</summary>
    public Fathom.Platform.Time.TimeScale TimeScale { get; init; } = Fathom.Platform.Time.TimeScale.None;

    /// <summary>How long the versions of an earlier release stay loaded after a reload or rollback moved away from them,
    /// so going back inside it costs no cold start (<c>--keep-warm</c>).</summary>
    public TimeSpan KeepWarm { get; init; } = Environments.WarmVersions.DefaultPeriod;

    /// <summary><c>--notify-allow</c>: where notifications may connect; empty allows any address but this host's own ports.</summary>
    public IReadOnlyList<string> NotifyAllow { get; init; } = [];

    /// <summary>Whether the telemetry pipeline runs; off only to measure its cost (<c>FATHOM_TELEMETRY=off</c>).</summary>
    public bool Telemetry { get; init; } = true;

    /// <summary>How long and how much log data the app's log store keeps.</summary>
    public Fathom.Telemetry.Logs.LogRetentionOptions LogRetention { get; init; } = new();

    /// <summary>Retention of the metric store per resolution.</summary>
    public Fathom.Telemetry.Metrics.MetricRetentionOptions MetricRetention { get; init; } = new();

    /// <summary>Whether metrics are recorded; off only to measure their cost.</summary>
    public bool Metrics { get; init; } = true;
}
