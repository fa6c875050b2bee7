using System.Diagnostics;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>One <c>fathom up</c> of testassets/apps/reload after one reload: the Greeter's alias has moved from version
/// 1 ("version one") to version 2 ("version two"), and version 1's environment has been retired (<c>--keep-warm 0s</c>:
/// the shortest warm period, instead of the 15 minutes that keep it for a rollback).</summary>
public sealed class ReloadedAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal TempApp App => _app ?? throw new InvalidOperationException("fathom up has not started");

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        _up = await FathomUp.StartAsync(_app.Directory, "--keep-warm", "0s");
        // Saved as soon as server.json appears, as a script (or a quick user) would.
        var handler = _app.PathOf("src/greeter.js");
        await File.WriteAllTextAsync(handler, (await File.ReadAllTextAsync(handler)).Replace("version one", "version two", StringComparison.Ordinal));

        var deadline = Stopwatch.StartNew();
        while ((await _up.StatusAsync()).Aliases("Greeter").Values.SingleOrDefault() != "2"
            || ProcessTree.RuntimeProcesses(_up.Pid, "greeter.handler").Any(p => p.Version == "1"))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("the Greeter did not move to version 2 with version 1 retired:\n" + _up.Output);
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        _app?.Dispose();
    }
}
