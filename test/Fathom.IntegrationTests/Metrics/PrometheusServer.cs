using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

[assembly: AssemblyFixture(typeof(Fathom.IntegrationTests.Metrics.PrometheusServer))]

namespace Fathom.IntegrationTests.Metrics;

/// <summary>
/// One real Prometheus (Debian's <c>/usr/bin/prometheus</c>; ./test.sh installs it) for the test assembly, started on
/// first use as a plain process: its own config and TSDB in a temp directory, a free loopback port, a 1 s scrape
/// interval. Targets come from file-based discovery, so each test class adds its own server (its admin port) while
/// Prometheus runs. Killed when the assembly's tests end.
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    /// <summary>The job every added target is scraped under.</summary>
    public const string Job = "fathom";

    private const string Executable = "/usr/bin/prometheus";
    private readonly TempDirectory _directory = new("fathom-prometheus");
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private Uri? _url;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _startLock.Dispose();
        _directory.Dispose();
    }

    /// <summary>Starts scraping <paramref name="adminUrl"/>'s <c>/metrics</c> (starting Prometheus when it is not yet
    /// running), with <c>instance</c> set to <paramref name="name"/> so queries can tell targets apart.</summary>
    public async Task AddTargetAsync(string name, Uri adminUrl)
    {
        Assert.SkipUnless(File.Exists(Executable), "Prometheus is not installed (apt-get install prometheus; ./test.sh does)");
        await EnsureStartedAsync();
        var target = new JsonArray(new JsonObject
        {
            ["targets"] = new JsonArray(adminUrl.Authority),
            ["labels"] = new JsonObject { ["instance"] = name },
        });
        // Written aside and renamed, so discovery never reads half a file.
        var path = _directory.Combine("targets", name + ".json");
        await File.WriteAllTextAsync(path + ".tmp", target.ToJsonString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Runs an instant PromQL query through the HTTP API and returns the value of its single sample, or null
    /// while the result is empty.</summary>
    public async Task<double?> QueryAsync(string promQl)
    {
        using var client = new HttpClient { BaseAddress = _url, Timeout = TimeSpan.FromSeconds(30) };
        var body = await client.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(promQl));
        var root = JsonNode.Parse(body)!;
        if (root["status"]!.GetValue<string>() != "success")
        {
            throw new InvalidOperationException($"Prometheus answered {body}");
        }

        var result = root["data"]!["result"]!.AsArray();
        return result.Count switch
        {
            0 => null,
            1 => double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{promQl} has {result.Count} samples: {body}"),
        };
    }

    /// <summary>Queries until the value is <paramref name="expected"/> (scrapes come every second), returning the last value.</summary>
    public async Task<double?> WaitForValueAsync(string promQl, double expected, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        double? value;
        while ((value = await QueryAsync(promQl)) != expected && deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            await Task.Delay(250);
        }

        return value;
    }

    /// <summary>What Prometheus printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private async Task EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_process is not null)
            {
                return;
            }

            Directory.CreateDirectory(_directory.Combine("targets"));
            var config = _directory.Write("prometheus.yml", $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: {Job}
                    file_sd_configs:
                      - files: ['{_directory.Combine("targets")}/*.json']
                        refresh_interval: 1s
                """);
            var port = FreePort();
            _process = Process.Start(new ProcessStartInfo(Executable,
            [
                "--config.file=" + config,
                "--storage.tsdb.path=" + _directory.Combine("data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--log.level=warn",
            ])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            _url = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilReadyAsync();
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = _url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("-/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prometheus was not ready within a minute:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
