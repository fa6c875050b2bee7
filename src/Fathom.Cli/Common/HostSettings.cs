using System.CommandLine;
using Fathom.Telemetry;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Metrics;

namespace Fathom.Cli.Common;

/// <summary>The server-level settings `fathom up` and `fathom server` share (retention and the warm period are the
/// platform's to decide, never the app's: DESIGN.md "Settings"), parsed once for both.</summary>
internal sealed class HostSettings
{
    public Option<string> LogRetention { get; } = new("--log-retention") { Description = "Keep log lines this long: 30m, 12h, 7d (default 7d).", HelpName = "DURATION", DefaultValueFactory = _ => "7d" };

    public Option<string> LogMaxSize { get; } = new("--log-max-size") { Description = "Keep at most this much log data; the oldest lines go first: 100MB, 1GB (default 1GB).", HelpName = "SIZE", DefaultValueFactory = _ => "1GB" };

    public Option<string> MetricRetention { get; } = new("--metric-retention") { Description = "Keep metric points this long per resolution: 1s=1h,1m=14d,1h=400d (the defaults; name any of the three).", HelpName = "SPEC", DefaultValueFactory = _ => "1s=1h,1m=14d,1h=400d" };

    public Option<string> KeepWarm { get; } = new("--keep-warm") { Description = "Keep the versions of earlier releases loaded this long after a release or rollback moved away from them, so rolling back costs no cold start: 30s, 15m, 1h (default 15m).", HelpName = "DURATION", DefaultValueFactory = _ => "15m" };

    public Option<double> TimeScale { get; } = new("--time-scale") { Description = "Pass configured durations (alarm periods) N times faster, for tests and demos; never function timeouts or retention (default 1).", HelpName = "N", DefaultValueFactory = _ => 1 };

    public Option<string[]> NotifyAllow { get; } = new("--notify-allow")
    {
        Description = "Where notifications may connect: CIDRs, addresses or host names, repeated or comma-separated (default: any address but this server's own ports).",
        HelpName = "CIDR|HOST",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(TimeScale);
        command.Options.Add(NotifyAllow);
        command.Options.Add(LogRetention);
        command.Options.Add(LogMaxSize);
        command.Options.Add(MetricRetention);
        command.Options.Add(KeepWarm);
    }

    /// <exception cref="CliUsageException">The time scale is below 1.</exception>
    public Fathom.Platform.Time.TimeScale ParseTimeScale(ParseResult result) =>
        result.GetValue(TimeScale) is var factor && double.IsFinite(factor) && factor >= 1
            ? new Fathom.Platform.Time.TimeScale(factor)
            : throw new CliUsageException($"--time-scale: {result.GetValue(TimeScale).ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a number of 1 or more");

    /// <summary><c>--notify-allow</c>'s entries, each checked.</summary>
    /// <exception cref="CliUsageException">An entry is not a CIDR, an address or a host name.</exception>
    public IReadOnlyList<string> ParseNotifyAllow(ParseResult result)
    {
        var entries = result.GetValue(NotifyAllow) ?? [];
        try
        {
            _ = new Fathom.Alerting.Notifications.OutboundAllowlist(entries, null);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--notify-allow: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        return entries;
    }

    /// <exception cref="CliUsageException">A value is not a duration, size or retention spec.</exception>
    public (LogRetentionOptions Logs, MetricRetentionOptions Metrics, TimeSpan KeepWarm) Parse(ParseResult result)
    {
        if (!TelemetryText.TryParseDuration(result.GetValue(LogRetention)!, out var maxAge) || maxAge <= TimeSpan.Zero)
        {
            throw new CliUsageException($"--log-retention: '{result.GetValue(LogRetention)}' is not a duration such as 30m, 12h or 7d");
        }

        if (!TelemetryText.TryParseSize(result.GetValue(LogMaxSize)!, out var maxBytes) || maxBytes < 1L << 20)
        {
            throw new CliUsageException($"--log-max-size: '{result.GetValue(LogMaxSize)}' is not a size of at least 1MB, such as 100MB or 1GB");
        }

        if (!MetricRetentionText.TryParse(result.GetValue(MetricRetention)!, out var metrics, out var retentionError))
        {
            throw new CliUsageException($"--metric-retention: {retentionError}");
        }

        if (!TelemetryText.TryParseDuration(result.GetValue(KeepWarm)!, out var warmFor) || warmFor < TimeSpan.Zero)
        {
            throw new CliUsageException($"--keep-warm: '{result.GetValue(KeepWarm)}' is not a duration such as 30s, 15m or 1h");
        }

        return (new LogRetentionOptions { MaxAge = maxAge, MaxBytes = maxBytes }, metrics, warmFor);
    }
}
