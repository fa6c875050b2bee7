using System.CommandLine;
using System.Runtime.InteropServices;
using Fathom.Server.Hosting;
using Fathom.Telemetry;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Metrics;

namespace Fathom.Cli.Commands.Server;

/// <summary>`fathom server`: Fathom as a long-running platform holding any number of apps and environments, deployed to
/// with `fathom deploy`; state in --data; Ctrl+C stops it, and the next start serves every environment again.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data directory (default: $XDG_DATA_HOME/fathom, else ~/.local/share/fathom).", HelpName = "DIR" };
        var port = new Option<int>("--port", "-p") { Description = "The first environment's app port; later environments take the next free port. 0 gives each a free port.", HelpName = "PORT", DefaultValueFactory = _ => 3000 };
        var adminPort = new Option<int>("--admin-port") { Description = "Admin port (JSON API, deploys, Lambda APIs under /aws/{app}/{env}); 0 picks a free port.", HelpName = "PORT", DefaultValueFactory = _ => 9400 };
        var host = new Option<string>("--host") { Description = "Loopback address to bind (127.0.0.1, ::1, localhost): nothing is authenticated yet, so others are refused.", HelpName = "ADDRESS", DefaultValueFactory = _ => "127.0.0.1" };
        var node = new Option<string?>("--node") { Description = "The node executable Node.js functions run on (default: node on PATH).", HelpName = "PATH" };
        var logRetention = new Option<string>("--log-retention") { Description = "Keep log lines this long: 30m, 12h, 7d (default 7d).", HelpName = "DURATION", DefaultValueFactory = _ => "7d" };
        var logMaxSize = new Option<string>("--log-max-size") { Description = "Keep at most this much log data: 100MB, 1GB (default 1GB).", HelpName = "SIZE", DefaultValueFactory = _ => "1GB" };
        var keepWarm = new Option<string>("--keep-warm") { Description = "Keep the versions of earlier releases loaded this long after a reload or rollback moved away from them, so rolling back costs no cold start: 30s, 15m, 1h (default 15m).", HelpName = "DURATION", DefaultValueFactory = _ => "15m" };
        var metricRetention = new Option<string>("--metric-retention") { Description = "Keep metric points this long per resolution: 1s=1h,1m=14d,1h=400d (the defaults; name any of the three).", HelpName = "SPEC", DefaultValueFactory = _ => "1s=1h,1m=14d,1h=400d" };
        var command = new Command("server", "Run Fathom as a platform for any number of apps and environments; deploy with 'fathom deploy'. Exit codes: 0 stopped, 1 port in use or non-loopback host, 2 usage error.")
        {
            data, port, adminPort, host, node, logRetention, logMaxSize, keepWarm, metricRetention,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TelemetryText.TryParseDuration(result.GetValue(logRetention)!, out var maxAge) || maxAge <= TimeSpan.Zero)
            {
                throw new CliUsageException($"--log-retention: '{result.GetValue(logRetention)}' is not a duration such as 30m, 12h or 7d");
            }

            if (!TelemetryText.TryParseSize(result.GetValue(logMaxSize)!, out var maxBytes) || maxBytes < 1L << 20)
            {
                throw new CliUsageException($"--log-max-size: '{result.GetValue(logMaxSize)}' is not a size of at least 1MB, such as 100MB or 1GB");
            }

            if (!TelemetryText.TryParseDuration(result.GetValue(keepWarm)!, out var warmFor) || warmFor < TimeSpan.Zero)
            {
                throw new CliUsageException($"--keep-warm: '{result.GetValue(keepWarm)}' is not a duration such as 30s, 15m or 1h");
            }

            if (!MetricRetentionText.TryParse(result.GetValue(metricRetention)!, out var metricKeep, out var retentionError))
            {
                throw new CliUsageException($"--metric-retention: {retentionError}");
            }

            var options = new ServerHostOptions
            {
                DataDirectory = result.GetValue(data) ?? ServerHostOptions.DefaultDataDirectory(),
                AppPort = result.GetValue(port),
                AdminPort = result.GetValue(adminPort),
                Host = result.GetValue(host)!,
                NodePath = result.GetValue(node),
                LogRetention = new LogRetentionOptions { MaxAge = maxAge, MaxBytes = maxBytes },
                MetricRetention = metricKeep,
                KeepWarm = warmFor,
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerHostOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        ServerHost host;
        try
        {
            host = await ServerHost.StartAsync(options, stop.Token);
        }
        catch (ServerStartException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        await using (host)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine("Stopping ...");
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
