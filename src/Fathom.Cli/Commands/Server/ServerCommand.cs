using System.CommandLine;
using Fathom.Cli.Common;
using Fathom.Runtime.Isolation;
using Fathom.Server.Hosting;

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
        var host = new Option<string>("--host") { Description = "Address to bind every port to (default 127.0.0.1). Beyond loopback, give --public-name and --tls-cert/--tls-key.", HelpName = "ADDRESS", DefaultValueFactory = _ => "127.0.0.1" };
        var node = new Option<string?>("--node") { Description = "The node executable Node.js functions run on (default: node on PATH).", HelpName = "PATH" };
        var weaker = new Option<string?>("--allow-weaker-isolation")
        {
            Description = "Start even though these sandbox defences are unavailable, giving them up in words (comma list of sandbox, identity, seccomp, proc-sys, network, memory, pids). Without it the server refuses to start when any is missing.",
            HelpName = "LIST",
        };
        var settings = new HostSettings();
        var exposure = new ExposureOptions();
        var command = new Command("server", "Run Fathom as a platform for any number of apps and environments; deploy with 'fathom deploy'. Exit codes: 0 stopped, 1 port in use or a bad certificate, 2 usage error.")
        {
            data, port, adminPort, host, node, weaker,
        };
        settings.AddTo(command);
        exposure.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (logs, metrics, keepWarm) = settings.Parse(result);
            var (publicNames, tlsCert, tlsKey) = exposure.Parse(result);
            var allowed = new HashSet<IsolationDefence>();
            foreach (var name in (result.GetValue(weaker) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                allowed.Add(IsolationDefences.TryParse(name, out var defence)
                    ? defence
                    : throw new CliUsageException($"--allow-weaker-isolation: '{name}' is not a defence; name any of {string.Join(", ", IsolationDefences.All.Select(IsolationDefences.Name))}"));
            }

            var options = new ServerHostOptions
            {
                DataDirectory = result.GetValue(data) ?? ServerHostOptions.DefaultDataDirectory(),
                AppPort = result.GetValue(port),
                AdminPort = result.GetValue(adminPort),
                Host = result.GetValue(host)!,
                PublicNames = publicNames,
                TlsCertificatePath = tlsCert,
                TlsKeyPath = tlsKey,
                NodePath = result.GetValue(node),
                LogRetention = logs,
                MetricRetention = metrics,
                KeepWarm = keepWarm,
                TimeScale = settings.ParseTimeScale(result),
                NotifyAllow = settings.ParseNotifyAllow(result),
                AllowedWeakerIsolation = allowed,
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(ServerHostOptions options, CancellationToken cancellationToken) =>
        HostRun.UntilStoppedAsync(stop => ServerHost.StartAsync(options, stop), e => (e as ServerStartException)?.Message, cancellationToken);
}
