using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Isolation;

/// <summary>
/// One <c>fathom up</c> of the escape app (testassets/apps/escape), started the way a careless supervisor would start
/// it: from a shell that leaves a descriptor of the host's root folder and one of a host file open. The probe
/// function's system-call probes are compiled into its code folder first.
/// </summary>
public sealed class EscapeProbeFixture : IAsyncLifetime
{
    /// The descriptors the starting shell leaves open: the host's / (read) and a host file (read-write).
    public static readonly int[] InheritedFds = [50, 51];

    private TempApp? _app;
    private string? _hostFile;

    internal FathomUp Up { get; private set; } = null!;

    internal TempApp App => _app!;

    /// The host file behind descriptor 51; a function must not be able to write it.
    public string HostFile => _hostFile!;

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "escape"));
        await CompileProbesAsync(Path.Combine(RepoPaths.TestAssets, "isolation", "escape", "escape-probes.c"), _app.PathOf("probe/escape-probes"));
        _hostFile = Path.Combine(Path.GetTempPath(), "fathom-host-file-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(_hostFile, "the host's own\n");
        Up = await FathomUp.StartAsync(_app.Directory, start => InheritingShell(start, _hostFile));
    }

    public async ValueTask DisposeAsync()
    {
        if (Up is not null)
        {
            await Up.DisposeAsync();
        }

        _app?.Dispose();
        if (_hostFile is not null)
        {
            File.Delete(_hostFile);
        }
    }

    /// <summary>POSTs <paramref name="body"/> to the probe function and returns its results.</summary>
    internal async Task<IReadOnlyList<ProbeResult>> ProbeAsync(object body, CancellationToken cancellationToken)
    {
        using var client = Up.AppClient();
        using var response = await client.PostAsync("/probe", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/probe answered {(int)response.StatusCode}: {text}\n{Up.Output}");
        }

        return JsonSerializer.Deserialize<List<ProbeResult>>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>What the probe needs to know to try the host: host paths, ports, the platform's pid, and the words
    /// that must not show inside (paths of the checkout, the app and its data, the user's home).</summary>
    internal object AllProbesRequest(string? otherRequestId) => new
    {
        mode = "all",
        platformPid = Up.Pid,
        adminPort = Up.AdminUrl.Port,
        appPort = Up.AppUrl.Port,
        hostAddress = HostAddress(),
        inheritedFds = InheritedFds,
        otherRequestId,
        hostPaths = new Dictionary<string, string>
        {
            ["checkout"] = RepoPaths.Root,
            ["app"] = App.Directory,
            ["data"] = App.PathOf(".fathom"),
            ["neighbour-code"] = App.PathOf("other"),
            ["home"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ["runtime-cache"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        },
        secrets = new[] { RepoPaths.Root, App.Directory, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/", Environment.UserName + ":" },
    };

    // bash, not sh: dash opens descriptors above 9 only for itself.
    private static ProcessStartInfo InheritingShell(ProcessStartInfo start, string hostFile) =>
        FathomCli.Behind(start, "/bin/bash", "-c", $"exec {InheritedFds[0]}</ {InheritedFds[1]}<>\"$0\"; exec \"$@\"", hostFile);

    private static async Task CompileProbesAsync(string source, string output)
    {
        using var cc = Process.Start(new ProcessStartInfo("cc", ["-O1", "-o", output, source]) { RedirectStandardError = true })!;
        var errors = await cc.StandardError.ReadToEndAsync();
        await cc.WaitForExitAsync();
        if (cc.ExitCode != 0)
        {
            throw new InvalidOperationException($"cc failed to build the escape probes:\n{errors}");
        }
    }

    private static string? HostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString();
}

/// <summary>One probe's outcome, as the function reported it.</summary>
internal sealed record ProbeResult(string Probe, bool Worked, string Detail)
{
    public bool IsControl => Probe.StartsWith("control-", StringComparison.Ordinal);

    public override string ToString() => $"{Probe}: {(Worked ? "WORKED" : "refused")} ({Detail})";
}
