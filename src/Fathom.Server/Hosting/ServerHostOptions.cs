namespace Fathom.Server.Hosting;

/// <summary>How <c>fathom server</c> runs: the data directory, the ports, the bind address.</summary>
public sealed class ServerHostOptions
{
    /// <summary>Where every app environment's state lives (DESIGN.md "Data").</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The address every port binds to (<c>--host</c>); loopback by default.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The names clients reach the admin port by (<c>--public-name</c>), besides loopback.</summary>
    public IReadOnlyList<string> PublicNames { get; init; } = [];

    /// <summary>PEM certificate and private key for HTTPS on every port (<c>--tls-cert</c>, <c>--tls-key</c>).</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>The first environment's app port; later environments take the next free one. 0 gives each a free port.</summary>
    public int AppPort { get; init; } = 3000;

    public int AdminPort { get; init; } = 9400;

    /// <summary>The node executable for Node.js functions; null finds <c>node</c> on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>Where the server's own lines go (environments served, warnings).</summary>
    public TextWriter Output { get; init; } = Console.Out;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary><c>--time-scale N</c> (DESIGN.md "Time").</summary>
    public Fathom.Platform.Time.TimeScale TimeScale { get; init; } = Fathom.Platform.Time.TimeScale.None;

    /// <summary>How long and how much log data the server keeps (server-level: a deployed app cannot widen it).</summary>
    public Fathom.Telemetry.Logs.LogRetentionOptions LogRetention { get; init; } = new();

    /// <summary>How long metric points are kept per resolution (<c>--metric-retention</c>).</summary>
    public Fathom.Telemetry.Metrics.MetricRetentionOptions MetricRetention { get; init; } = new();

    /// <summary>How long the versions a release or rollback moved away from stay warm (<c>--keep-warm</c>).</summary>
    public TimeSpan KeepWarm { get; init; } = Environments.WarmVersions.DefaultPeriod;

    /// <summary><c>--notify-allow</c>: where notifications may connect; empty allows any address but this host's own ports.</summary>
    public IReadOnlyList<string> NotifyAllow { get; init; } = [];

    /// <summary>The sandbox defences the operator gave up in words (<c>--allow-weaker-isolation</c>); any other missing
    /// defence stops the server from starting: it runs other people's code.</summary>
    public IReadOnlySet<Fathom.Runtime.Isolation.IsolationDefence> AllowedWeakerIsolation { get; init; } = new HashSet<Fathom.Runtime.Isolation.IsolationDefence>();

    /// <summary>The default data directory: <c>$XDG_DATA_HOME/fathom</c>, else <c>~/.local/share/fathom</c>.</summary>
    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "fathom");
    }
}
