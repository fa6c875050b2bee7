using System.Diagnostics;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Outbound traffic for one environment: slirp4netns attached to its <see cref="NetworkNamespace"/>, a user-mode
/// TCP/IP stack with host loopback disabled, so the function reaches the internet (and DNS at 10.0.2.3) but not
/// the platform's 127.0.0.1 services. Addresses the host itself reaches (its LAN) stay reachable, as for any
/// program on that host.
/// </summary>
internal sealed class OutboundNetwork : IAsyncDisposable
{
    private readonly Process _process;

    private OutboundNetwork(Process process) => _process = process;

    /// The slirp4netns process id.
    public int ProcessId => _process.Id;

    /// <summary>
    /// The command. slirp4netns confines itself once the interface is up (--enable-sandbox: its own mount namespace
    /// holding only /etc and /run, capabilities dropped; --enable-seccomp: a filter of its own), so a flaw in its TCP/IP
    /// stack, which parses every packet a function sends, does not hand over a root process. It writes "1" to the ready fd (our stdout pipe) once tap0 is configured, and exits when
    /// the exit fd (our stdin pipe) reaches end of file, which also happens when the platform dies, however it dies.
    /// </summary>
    public static IReadOnlyList<string> BuildArgv(string networkNamespacePath) =>
    [
        "sh", "-c",
        "exec slirp4netns --configure --mtu=65520 --disable-host-loopback --enable-sandbox --enable-seccomp --netns-type=path --exit-fd=3 --ready-fd=4 \"$0\" tap0 3<&0 4>&1 1>&2",
        networkNamespacePath,
    ];

    /// Starts slirp4netns for the namespace and waits until the interface is up.
    public static async Task<OutboundNetwork> StartAsync(string networkNamespacePath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in BuildArgv(networkNamespacePath))
        {
            start.ArgumentList.Add(arg);
        }

        start.FileName = start.ArgumentList[0];
        start.ArgumentList.RemoveAt(0);
        var process = Process.Start(start) ?? throw new InvalidOperationException("slirp4netns did not start");
        // Its banner goes to stderr; drain it so the pipe never fills.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var network = new OutboundNetwork(process);
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var ready = new char[1];
            var read = await process.StandardOutput.ReadAsync(ready, timeoutSource.Token).ConfigureAwait(false);
            if (read == 0 || ready[0] != '1')
            {
                throw new InvalidOperationException($"slirp4netns exited before the network was ready (code {(process.HasExited ? process.ExitCode : -1)})");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// Stops slirp4netns (closing its exit fd) and waits for it.
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
