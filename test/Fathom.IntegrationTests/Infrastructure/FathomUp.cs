using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>`fathom up DIR` running as a real process on free ports; stopped with Ctrl+C (SIGINT) like a user would.</summary>
internal sealed class FathomUp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private FathomUp(Process process, string appDirectory)
    {
        _process = process;
        AppDirectory = appDirectory;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string AppDirectory { get; }

    public Uri AppUrl { get; private set; } = null!;

    public Uri AdminUrl { get; private set; } = null!;

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<FathomUp> StartAsync(string appDirectory, params string[] extraArgs)
    {
        var args = new List<string> { "up", appDirectory, "--port", "0", "--admin-port", "0" };
        args.AddRange(extraArgs);
        var process = Process.Start(Cli.StartInfo(appDirectory, [.. args]))!;
        var up = new FathomUp(process, appDirectory);
        await up.WaitUntilServingAsync(TimeSpan.FromSeconds(180));
        return up;
    }

    public HttpClient AppClient() => new() { BaseAddress = AppUrl, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient AdminClient() => new() { BaseAddress = AdminUrl, Timeout = TimeSpan.FromSeconds(60) };

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"fathom up exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }

            await Task.Delay(50, cts.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends Ctrl+C and waits for a clean exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            // Ctrl+C in a terminal is SIGINT to the process.
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await InterruptAsync(TimeSpan.FromSeconds(20));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var serverJson = Path.Combine(AppDirectory, ".fathom", "server.json");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"fathom up exited with {_process.ExitCode}:\n{Output}");
            }

            if (TryRead(serverJson) is { } urls)
            {
                (AppUrl, AdminUrl) = urls;
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"fathom up did not start serving within {timeout}:\n{Output}");
    }

    private (Uri App, Uri Admin)? TryRead(string serverJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(serverJson));
            var root = document.RootElement;
            if (root.GetProperty("pid").GetInt32() != _process.Id)
            {
                return null;
            }

            return (new Uri(root.GetProperty("appUrl").GetString()!), new Uri(root.GetProperty("adminUrl").GetString()!));
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
