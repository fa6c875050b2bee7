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

    public string ServerJsonPath => Path.Combine(AppDirectory, ".fathom", "server.json");

    /// <summary>The console output, one entry per line.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Starts <c>fathom up</c> and returns once it wrote server.json. A first run on a machine may build the
    /// Node runtime client (about a minute and a half), hence the long wait.</summary>
    public static Task<FathomUp> StartAsync(string appDirectory, params string[] extraArgs) => StartAsync(appDirectory, wrap: null, extraArgs);

    /// <summary>Like <see cref="StartAsync(string, string[])"/>, with the start changed by <paramref name="wrap"/> first
    /// (to start it from a shell that leaves descriptors open, say).</summary>
    public static async Task<FathomUp> StartAsync(string appDirectory, Func<ProcessStartInfo, ProcessStartInfo>? wrap, params string[] extraArgs)
    {
        var args = new List<string> { "up", appDirectory, "--port", "0", "--admin-port", "0" };
        args.AddRange(extraArgs);
        var start = FathomCli.StartInfo(appDirectory, interruptible: true, [.. args]);
        var process = Process.Start(wrap is null ? start : wrap(start))!;
        var up = new FathomUp(process, appDirectory);
        try
        {
            await up.WaitUntilServingAsync(TimeSpan.FromMinutes(5));
        }
        catch
        {
            await up.DisposeAsync();
            throw;
        }

        return up;
    }

    public HttpClient AppClient() => new() { BaseAddress = AppUrl, Timeout = TimeSpan.FromSeconds(120) };

    public HttpClient AdminClient() => new() { BaseAddress = AdminUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Sends one GET to an app path and requires a 2xx, waiting long: the first invocation may wait for the
    /// runtime client to be built and for a cold start.</summary>
    public async Task WarmUpAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = AppUrl, Timeout = TimeSpan.FromMinutes(5) };
        using var response = await client.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Output}");
        }
    }

    /// <summary>Reads <c>GET /fathom/v1/status</c>.</summary>
    public async Task<AdminStatus> StatusAsync()
    {
        using var client = AdminClient();
        return AdminStatus.Parse(await client.GetStringAsync("fathom/v1/status"));
    }

    /// <summary>Whether a console line is the function's output: it starts with the function's name (colour codes
    /// and a bracket aside) and contains each of the texts after it.</summary>
    public static bool IsFunctionLine(string line, string functionName, params string[] texts)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(line, "\e\\[[0-9;]*m", "").TrimStart(' ', '[');
        return plain.StartsWith(functionName, StringComparison.Ordinal)
            && texts.All(text => plain.IndexOf(text, functionName.Length, StringComparison.Ordinal) >= 0);
    }

    /// <summary>Waits until the function printed a line containing all the texts, prefixed with its name.</summary>
    public Task<string> WaitForFunctionLineAsync(string functionName, params string[] texts) =>
        WaitForLineAsync(
            line => IsFunctionLine(line, functionName, texts),
            $"a line from {functionName} with '{string.Join("', '", texts)}'",
            TimeSpan.FromSeconds(30));

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string description, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"fathom up exited ({_process.ExitCode}) before printing {description}:\n{Output}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"fathom up did not print {description} within {timeout}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public Task<string> WaitForOutputAsync(string text, TimeSpan timeout) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    /// <summary>Sends Ctrl+C and waits for a clean exit.</summary>
    public Task<int> InterruptAsync(TimeSpan timeout) => SignalAsync("INT", timeout); // Ctrl+C in a terminal is SIGINT to the process.

    /// <summary>Sends SIGTERM (what a service manager or <c>kill</c> sends) and waits for the exit.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => SignalAsync("TERM", timeout);

    private async Task<int> SignalAsync(string signal, TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
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
            catch (InvalidOperationException)
            {
                // It exited between the check and the signal.
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var serverJson = ServerJsonPath;
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
