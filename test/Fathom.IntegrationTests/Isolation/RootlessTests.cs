using System.Diagnostics;
using Fathom.IntegrationTests.Infrastructure;
using Fathom.Runtime.Isolation;
using ProcessTree = Fathom.IntegrationTests.Infrastructure.ProcessTree;

namespace Fathom.IntegrationTests.Isolation;

/// <summary>
/// <c>fathom up</c> started by an ordinary user, not root: no cgroups and no network namespaces of its own making,
/// so the sandbox runs bubblewrap as that user with the Runtime API relayed through a Unix socket. It must serve, say
/// what it runs without, and still confine its functions.
/// </summary>
public sealed class RootlessTests
{
    private const int Nobody = 65534;

    [Fact]
    public async Task Up_StartedByAnOrdinaryUser_ServesSandboxedFunctionsAndNamesWhatItLacks()
    {
        Assert.SkipUnless(Fathom.Runtime.Isolation.Libc.geteuid() == 0, "becoming an ordinary user takes root");
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.Examples, "hello"));
        using var home = new TempDirectory("fathom-rootless-home");
        // The user's own cache: the runtime client hard-linked from root's (a copy, no rebuild), readable as it is.
        var cache = Directory.CreateDirectory(Path.Combine(home.Path, "cache")).FullName;
        await RunAsync("cp", "-al", Fathom.Runtime.Hosting.RuntimeDefaults.CacheDirectory(), Path.Combine(cache, "fathom"));
        await RunAsync("chown", "-R", $"{Nobody}:{Nobody}", app.Directory, home.Path);

        await using var up = await FathomUp.StartAsync(app.Directory, start => AsNobody(start, home.Path, cache));
        await up.WarmUpAsync("/hello");

        up.Lines.Should().Contain(l => l.Contains("isolation without memory: ", StringComparison.Ordinal), "an ordinary user has no writable cgroup");
        if (!IsolationFallback.Available(up, IsolationDefence.Sandbox, IsolationDefence.Seccomp))
        {
            return;
        }

        var functions = ProcessTree.Descendants(up.Pid).Where(pid => File.ReadAllText($"/proc/{pid}/status").Contains("Name:\tnode", StringComparison.Ordinal)).ToList();
        functions.Should().NotBeEmpty();
        foreach (var pid in functions)
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            status.Should().Contain(l => l.StartsWith("Uid:\t65534", StringComparison.Ordinal), "the function runs as the user who started fathom");
            status.Should().Contain("Seccomp:\t2");
            File.ReadAllText($"/proc/{pid}/mountinfo").Should().NotContain(app.Directory, "binds come from the store, named without the user's paths");
        }
    }

    // env -i: the user's own clean environment, as a login would give it.
    private static ProcessStartInfo AsNobody(ProcessStartInfo start, string home, string cache) =>
        FathomCli.Behind(start, "setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", "env", "-i", $"HOME={home}",
            $"DOTNET_CLI_HOME={home}", $"XDG_CACHE_HOME={cache}", "PATH=/usr/local/bin:/usr/bin:/bin", "DOTNET_NOLOGO=1");

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{program} failed: {error}");
    }
}
