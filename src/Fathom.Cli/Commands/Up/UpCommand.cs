using System.CommandLine;
using Fathom.Cli.Common;
using Fathom.Server.Up;

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
        var host = new Option<string>("--host") { Description = "Address to bind both ports to (default 127.0.0.1; loopback only: fathom up has no tokens — use fathom server beyond this machine).", HelpName = "ADDRESS", DefaultValueFactory = _ => "127.0.0.1" };
        var envVars = new Option<string?>("--env-vars", "-n") { Description = "A JSON file of environment variable overrides, in SAM CLI's format ({\"Parameters\": {...}, \"<Function>\": {...}}).", HelpName = "FILE" };
        var node = new Option<string?>("--node") { Description = "The node executable Node.js functions run on (default: fathom.yaml runtime.node, else node on PATH).", HelpName = "PATH" };
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not rebuild and reload when code or the template changes." };
        var settings = new HostSettings();
        var exposure = new ExposureOptions();
        var command = new Command("up", "Build a SAM app and serve it: API routes on --port, the admin and Invoke APIs on --admin-port. Rebuilds on change; Ctrl+C stops. Exit codes: 0 stopped, 1 invalid app, failed build or port in use, 2 usage error.");
        app.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(adminPort);
        command.Options.Add(host);
        command.Options.Add(envVars);
        command.Options.Add(node);
        command.Options.Add(noWatch);
        settings.AddTo(command);
        exposure.AddTo(command);
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

            var (logs, metrics, keepWarm) = settings.Parse(result);
            var (publicNames, tlsCert, tlsKey) = exposure.Parse(result);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
            var options = new UpOptions
            {
                AppPath = result.GetValue(app.Path)!,
                Load = load,
                AppPort = result.GetValue(port),
                AdminPort = result.GetValue(adminPort),
                Host = result.GetValue(host)!,
                PublicNames = publicNames,
                TlsCertificatePath = tlsCert,
                TlsKeyPath = tlsKey,
                EnvVarsPath = result.GetValue(envVars),
                NodePath = result.GetValue(node),
                Watch = !result.GetValue(noWatch),
                KeepWarm = keepWarm,
                TimeScale = settings.ParseTimeScale(result),
                NotifyAllow = settings.ParseNotifyAllow(result),
                LogRetention = logs,
                MetricRetention = metrics,
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

    private static Task<int> RunAsync(UpOptions options, CancellationToken cancellationToken) =>
        HostRun.UntilStoppedAsync(stop => UpHost.StartAsync(options, stop), e => (e as UpException)?.Message, cancellationToken);
}
