using System.CommandLine;
using System.Runtime.InteropServices;
using Fathom.Cli.Common;
using Fathom.Server.Up;
using Fathom.Telemetry;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Metrics;

namespace Fathom.Cli.Commands.Up;

/// <summary>`fathom up [DIR]`: builds a SAM app and serves it over HTTP as API Gateway would, with the admin and Invoke
/// APIs beside it; rebuilds on change; Ctrl+C stops everything.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var app = new AppOptions();
        var port = new Option<int>("--port", "-p") { Description = "App traffic port (API routes); 0 picks a free port.", HelpName = "PORT", DefaultValueFactory = _ => 3000 };
        var adminPort = new Option<int>("--admin-port") { Description = "Admin port (JSON API, Lambda Invoke API); 0 picks a free port.", HelpName = "PORT", DefaultValueFactory = _ => 9400 };
        var host = new Option<string>("--host") { Description = "Address to bind both ports to. Loopback by default: nothing is authenticated yet.", HelpName = "ADDRESS", DefaultValueFactory = _ => "127.0.0.1" };
        var envVars = new Option<string?>("--env-vars", "-n") { Description = "A JSON file of environment variable overrides, in SAM CLI's format ({\"Parameters\": {...}, \"<Function>\": {...}}).", HelpName = "FILE" };
        var node = new Option<string?>("--node") { Description = "The node executable Node.js functions run on (default: fathom.yaml runtime.node, else node on PATH).", HelpName = "PATH" };
        var logRetention = new Option<string>("--log-retention") { Description = "Keep log lines this long: 30m, 12h, 7d (default 7d).", HelpName = "DURATION", DefaultValueFactory = _ => "7d" };
        var logMaxSize = new Option<string>("--log-max-size") { Description = "Keep at most this much log data; the oldest lines go first: 100MB, 1GB (default 1GB).", HelpName = "SIZE", DefaultValueFactory = _ => "1GB" };
        var keepWarm = new Option<string>("--keep-warm") { Description = "Keep the versions of earlier releases loaded this long after a reload or rollback moved away from them, so rolling back costs no cold start: 30s, 15m, 1h (default 15m).", HelpName = "DURATION", DefaultValueFactory = _ => "15m" };
        var metricRetention = new Option<string>("--metric-retention") { Description = "Keep metric points this long per resolution: 1s=1h,1m=14d,1h=400d (the defaults; name any of the three).", HelpName = "SPEC", DefaultValueFactory = _ => "1s=1h,1m=14d,1h=400d" };
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not rebuild and reload when code or the template changes." };
        var command = new Command("up", "Build a SAM app and serve it: API routes on --port, the admin and Invoke APIs on --admin-port. Rebuilds on change; Ctrl+C stops. Exit codes: 0 stopped, 1 invalid app, failed build or port in use, 2 usage error.");
        app.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(adminPort);
        command.Options.Add(host);
        command.Options.Add(envVars);
        command.Options.Add(node);
        command.Options.Add(logRetention);
        command.Options.Add(logMaxSize);
        command.Options.Add(keepWarm);
        command.Options.Add(metricRetention);
        command.Options.Add(noWatch);
        command.SetAction(async (result, cancellationToken) =>
        {
            var load = app.ToLoadOptions(result, out var usageErrors);
            if (usageErrors.Count > 0)
            {
                foreach (var error in usageErrors)
                {
                    await Console.Error.WriteLineAsync($"--parameter-overrides: {error}");
                }

                return 2;
            }

            if (!TelemetryText.TryParseDuration(result.GetValue(logRetention)!, out var maxAge) || maxAge <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync($"--log-retention: '{result.GetValue(logRetention)}' is not a duration such as 30m, 12h or 7d");
                return 2;
            }

            if (!TelemetryText.TryParseSize(result.GetValue(logMaxSize)!, out var maxBytes) || maxBytes < 1L << 20)
            {
                await Console.Error.WriteLineAsync($"--log-max-size: '{result.GetValue(logMaxSize)}' is not a size of at least 1MB, such as 100MB or 1GB");
                return 2;
            }

            if (!TelemetryText.TryParseDuration(result.GetValue(keepWarm)!, out var warmFor) || warmFor < TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync($"--keep-warm: '{result.GetValue(keepWarm)}' is not a duration such as 30s, 15m or 1h");
                return 2;
            }

            if (!MetricRetentionText.TryParse(result.GetValue(metricRetention)!, out var metricKeep, out var retentionError))
            {
                await Console.Error.WriteLineAsync($"--metric-retention: {retentionError}");
                return 2;
            }

            await using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
            var options = new UpOptions
            {
                AppPath = result.GetValue(app.Path)!,
                Load = load,
                AppPort = result.GetValue(port),
                AdminPort = result.GetValue(adminPort),
                Host = result.GetValue(host)!,
                EnvVarsPath = result.GetValue(envVars),
                NodePath = result.GetValue(node),
                Watch = !result.GetValue(noWatch),
                KeepWarm = warmFor,
                LogRetention = new LogRetentionOptions { MaxAge = maxAge, MaxBytes = maxBytes },
                MetricRetention = metricKeep,
                // Not a user setting: bench/telemetry/cost.sh turns the pipeline off to measure what it costs.
                Telemetry = !string.Equals(Environment.GetEnvironmentVariable("FATHOM_TELEMETRY"), "off", StringComparison.Ordinal),
                // FATHOM_TELEMETRY=logs keeps logs and errors but records no metrics: what metrics cost on top of logs.
                Metrics = !string.Equals(Environment.GetEnvironmentVariable("FATHOM_TELEMETRY"), "logs", StringComparison.Ordinal),
                Color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
                // Console.Out flushes on every write; function output is flushed once per batch instead.
                Output = output,
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(UpOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Ctrl+C and SIGTERM stop the server cleanly (environments drained and killed); a second Ctrl+C is not needed.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        UpHost host;
        try
        {
            host = await UpHost.StartAsync(options, stop.Token);
        }
        catch (UpException e)
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
