using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>`fathom server --data DIR` running as a real process (admin port and first app port free ones), stopped with
/// Ctrl+C like a user would; <see cref="RestartAsync"/> starts it again on the same data directory.</summary>
internal sealed class FathomServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process _process = null!;
    private bool _disposed;

    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private FathomServerProcess(string dataDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        DataDirectory = dataDirectory;
        _arguments = arguments;
        _environment = environment ?? new Dictionary<string, string>();
    }

    public string DataDirectory { get; }

    public Uri AdminUrl { get; private set; } = null!;

    /// <summary>The owner token (admin) this run wrote into server.json.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>What a CLI command needs to reach this server as its owner: <c>--server URL --token TOKEN</c>.</summary>
    public string[] ServerArgs => ["--server", AdminUrl.ToString(), "--token", Token];

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

    /// <summary>Starts the server as an operator on this machine would: where the machine lacks a sandbox defence (the
    /// degraded leg of ./test.sh), the server refuses to start unless told in words, so the test says it with
    /// <c>--allow-weaker-isolation</c> naming exactly the missing ones.</summary>
    public static async Task<FathomServerProcess> StartAsync(string dataDirectory)
    {
        var missing = Fathom.Runtime.Isolation.SandboxCapabilities.Current.Missing;
        string[] arguments = missing.Count == 0 ? [] : ["--allow-weaker-isolation=" + string.Join(',', missing.Select(m => m.Name))];
        return await StartAsync(dataDirectory, arguments, environment: null);
    }

    /// <summary>With more arguments and environment variables for the server process (e.g. a PATH without bubblewrap).</summary>
    public static async Task<FathomServerProcess> StartAsync(string dataDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var server = new FathomServerProcess(dataDirectory, arguments, environment);
        await server.LaunchAsync();
        return server;
    }

    /// <summary>Stops the server with Ctrl+C and starts it again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>`fathom deploy DIR --env ENV --json …` against this server, run in <paramref name="appDirectory"/>.</summary>
    public async Task<(CliResult Result, JsonNode? Document)> DeployAsync(string appDirectory, params string[] args)
    {
        var result = await FathomCli.RunAsync(appDirectory, ["deploy", appDirectory, .. ServerArgs, "--json", .. args], timeout: TimeSpan.FromMinutes(3));
        return (result, result.ExitCode == 0 ? JsonNode.Parse(result.StandardOutput) : null);
    }

    /// <summary>GET /fathom/v1/environments for one environment.</summary>
    public async Task<JsonNode> EnvironmentAsync(string app, string env)
    {
        using var client = CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync($"fathom/v1/environments?app={app}&env={env}"))!;
        return document["environments"]!.AsArray().Single()!;
    }

    /// <summary>A client for the admin API sending <paramref name="token"/> (default: the owner's) as a bearer token.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = AdminUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? Token);
        return client;
    }

    /// <summary>Issues a bearer token through the tokens API; returns its text.</summary>
    public async Task<string> CreateTokenAsync(string name, string role, string? app = null, string? env = null, string? expiresIn = null)
    {
        var document = await CreateAsync(new { name, role, app, env, expiresIn });
        return (string)document["secret"]!;
    }

    /// <summary>Issues an AWS access key (for the aws CLI against this server once SigV4 is verified).</summary>
    public async Task<(string AccessKeyId, string SecretAccessKey)> CreateAwsKeyAsync(string name = "aws-tests", string role = "admin")
    {
        var document = await CreateAsync(new { name, role, aws = true });
        return ((string)document["accessKeyId"]!, (string)document["secretAccessKey"]!);
    }

    private async Task<JsonNode> CreateAsync(object body)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync("fathom/v1/tokens", JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"token create: {(int)response.StatusCode} {text}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    private async Task LaunchAsync()
    {
        var start = FathomCli.StartInfo(DataDirectory, interruptible: true, ["server", "--data", DataDirectory, "--port", "0", "--admin-port", "0", .. _arguments]);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        Directory.CreateDirectory(DataDirectory);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        var serverJson = Path.Combine(DataDirectory, "server.json");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"fathom server exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(serverJson));
                if (document.RootElement.GetProperty("pid").GetInt32() == process.Id)
                {
                    AdminUrl = new Uri(document.RootElement.GetProperty("adminUrl").GetString()!);
                    Token = document.RootElement.GetProperty("token").GetString()!;
                    // server.json is written before the console lines: wait for the last one, so a test reads them all.
                    while (!Output.Contains("Ctrl+C to stop.", StringComparison.Ordinal) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3))
                    {
                        await Task.Delay(50);
                    }

                    return;
                }
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"fathom server did not start within 3 minutes:\n{Output}");
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
