using System.Diagnostics;
using Fathom.Apps.Config;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Metrics.Prometheus;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

/// <summary>The exposition as the host composes it: the real telemetry pipeline feeding the registry, its health beside.</summary>
public sealed class PrometheusExpositionTests : IAsyncDisposable
{
    private const string Promtool = "/usr/bin/promtool";
    private readonly TempDirectory _data = new("fathom-prometheus");
    private readonly ServiceProvider _services;

    public PrometheusExpositionTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // A destination nobody listens on: it exists, so its series do; nothing is offered, so nothing is sent.
        services.AddSingleton(new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = new Uri("http://127.0.0.1:1/v1/logs") }] });
        services.AddFathomTelemetry(o => o.DataDirectory = _data.Path);
        services.AddFathomPrometheus();
        _services = services.BuildServiceProvider();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Render_InvocationPublishedByTheRuntime_CountedThroughTheIngest()
    {
        var ingest = _services.GetRequiredService<TelemetryIngest>();
        await ingest.StartAsync(Ct);
        _services.GetRequiredService<RuntimeEventHub>().Publish(Invocations.Of(version: "7"));

        var scrape = await EventuallyAsync(s => s.Find("fathom_invocations_total", ("version", "7")).Any());
        await ingest.StopAsync(Ct);

        scrape.Value("fathom_invocations_total", ("version", "7")).Should().Be(1);
    }

    [Fact]
    public void Render_Health_DropsQueuesStoreSizesAndBuild()
    {
        var drops = _services.GetRequiredService<TelemetryDrops>();
        drops.Add("orders", TelemetryDrops.StoreQueueFull, 3);

        var scrape = Exposition.Parse(Render());

        scrape.Value("fathom_telemetry_dropped_total", ("function", "orders"), ("reason", "store_queue_full")).Should().Be(3);
        scrape.Value("fathom_telemetry_dropped_total", ("reason", "error_queue_full")).Should().Be(0);
        scrape.Find("fathom_telemetry_queue_depth").Select(s => s.Labels["queue"])
            .Should().BeEquivalentTo(["ingest_runtime", "ingest_gateway", "log_writer", "error_tracker"]);
        scrape.Value("fathom_telemetry_queue_capacity", ("queue", "ingest_runtime")).Should().Be(new TelemetryOptions().IngestQueueLength);
        scrape.Value("fathom_store_bytes", ("store", "logs")).Should().BeGreaterThan(0, "logs.db exists once telemetry runs");
        scrape.Value("fathom_store_bytes", ("store", "errors")).Should().BeGreaterThan(0);
        scrape.Value("process_start_time_seconds").Should().BeGreaterThan(1.7e9);
        scrape.Find("fathom_build_info").Should().ContainSingle().Which.Labels.Should().ContainKeys("version", "dotnet");
        scrape.Families.Should().NotContainKey("fathom_environments", "no host registered environment counts");
        scrape.Value("fathom_log_forwarding_pending", ("destination", "otlp http://127.0.0.1:1/v1/logs")).Should().Be(0);
        scrape.Value("fathom_log_forwarding_delivered_total", ("destination", "otlp http://127.0.0.1:1/v1/logs")).Should().Be(0);
        scrape.Find("fathom_log_forwarding_dropped_total").Should().NotBeEmpty().And.OnlyContain(s => s.Labels.ContainsKey("reason"));
    }

    [Fact]
    public async Task Render_FullExposition_PassesPromtoolsLint()
    {
        Assert.SkipUnless(File.Exists(Promtool), "promtool (Debian package prometheus; ./test.sh installs it) is not installed");
        var registry = _services.GetRequiredService<PrometheusRegistry>();
        registry.OfferInvocation(Invocations.Of(initSeconds: 0.2));
        registry.OfferInvocation(Invocations.Of(outcome: Fathom.Runtime.Invocations.InvocationOutcome.Throttled));
        registry.OfferRequest(Invocations.Request());
        _services.GetRequiredService<TelemetryDrops>().Add("orders", TelemetryDrops.IngestQueueFull);

        var (exitCode, output) = await RunPromtoolAsync(Render());

        (exitCode, output).Should().Be((0, ""), "promtool check metrics is Prometheus' own reading of the format and its naming rules");
    }

    private string Render() => _services.GetRequiredService<PrometheusExposition>().Render();

    private async Task<Exposition> EventuallyAsync(Func<Exposition, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var scrape = Exposition.Parse(Render());
            if (done(scrape) || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return scrape;
            }

            await Task.Delay(20, Ct);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string exposition)
    {
        var start = new ProcessStartInfo(Promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
