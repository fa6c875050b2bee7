using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Metrics.Prometheus;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

public sealed class PrometheusRegistryTests
{
    private readonly FakeTimeProvider _time = new(Invocations.T0);
    private readonly FakeLiveVersions _live = new();
    private readonly PrometheusRegistry _registry;

    public PrometheusRegistryTests() => _registry = new PrometheusRegistry(new PrometheusOptions(), _time, _live);

    [Fact]
    public void Scrape_AfterInvocations_CountsPerVersionAliasAndSource()
    {
        for (var i = 0; i < 3; i++)
        {
            _registry.OfferInvocation(Invocations.Of(version: "1", alias: "live"));
        }

        _registry.OfferInvocation(Invocations.Of(version: "2", alias: null, source: "invoke"));
        _registry.OfferInvocation(Invocations.Of(version: "1", alias: "live", source: "uptime"));

        var scrape = Scrape();

        scrape.Value("fathom_invocations_total", ("version", "1"), ("alias", "live"), ("source", "api")).Should().Be(3);
        scrape.Value("fathom_invocations_total", ("version", "1"), ("alias", "live"), ("source", "uptime")).Should().Be(1);
        scrape.Value("fathom_invocations_total", ("version", "2"), ("alias", ""), ("source", "invoke")).Should().Be(1);
        scrape.Find("fathom_invocations_total").Sum(s => s.Value).Should().Be(5);
        scrape.Find("fathom_invocations_total").Should().OnlyContain(s =>
            s.Labels["app"] == "shop" && s.Labels["environment"] == "prod" && s.Labels["function"] == "orders");
    }

    [Fact]
    public void Scrape_FailuresAndThrottles_ErrorsByOutcomeAndThrottlesApartFromInvocations()
    {
        _registry.OfferInvocation(Invocations.Of());
        _registry.OfferInvocation(Invocations.Of(outcome: InvocationOutcome.FunctionError));
        _registry.OfferInvocation(Invocations.Of(outcome: InvocationOutcome.Timeout));
        _registry.OfferInvocation(Invocations.Of(outcome: InvocationOutcome.Timeout));
        _registry.OfferInvocation(Invocations.Of(outcome: InvocationOutcome.Throttled));

        var scrape = Scrape();

        scrape.Value("fathom_invocations_total").Should().Be(4, "a throttled call never ran");
        scrape.Value("fathom_invocation_throttles_total").Should().Be(1);
        scrape.Value("fathom_invocation_errors_total", ("outcome", "function_error")).Should().Be(1);
        scrape.Value("fathom_invocation_errors_total", ("outcome", "timeout")).Should().Be(2);
        scrape.Value("fathom_invocation_errors_total", ("outcome", "out_of_memory")).Should().Be(0, "every outcome is there from the start, so rate() sees the first one");
        scrape.Find("fathom_invocation_errors_total").Select(s => s.Labels["outcome"])
            .Should().BeEquivalentTo(["function_error", "init_error", "timeout", "crash", "out_of_memory"]);
    }

    [Fact]
    public void Scrape_Durations_CumulativeBucketsWithSumAndCount()
    {
        _registry.OfferInvocation(Invocations.Of(seconds: 0.003, initSeconds: 0.2));
        _registry.OfferInvocation(Invocations.Of(seconds: 0.3));
        _registry.OfferInvocation(Invocations.Of(seconds: 0.5));
        _registry.OfferInvocation(Invocations.Of(seconds: 45));

        var scrape = Scrape();

        double Bucket(string le) => scrape.Value("fathom_invocation_duration_seconds_bucket", ("le", le));
        (Bucket("0.005"), Bucket("0.25"), Bucket("0.5"), Bucket("30"), Bucket("+Inf")).Should().Be((1.0, 1.0, 3.0, 3.0, 4.0), "le is inclusive and buckets are cumulative");
        scrape.Value("fathom_invocation_duration_seconds_count").Should().Be(4);
        scrape.Value("fathom_invocation_duration_seconds_sum").Should().BeApproximately(45.803, 1e-9);
        scrape.Value("fathom_invocation_cold_starts_total").Should().Be(1);
        scrape.Value("fathom_invocation_init_duration_seconds_count").Should().Be(1);
        scrape.Value("fathom_invocation_init_duration_seconds_bucket", ("le", "0.1")).Should().Be(0);
        scrape.Value("fathom_invocation_init_duration_seconds_bucket", ("le", "0.25")).Should().Be(1);
        scrape.Value("fathom_invocation_memory_used_bytes_bucket", ("le", "134217728")).Should().Be(4, "70 MB fits in 128 MB");
        scrape.Value("fathom_function_memory_limit_bytes").Should().Be(128 * 1024 * 1024);
    }

    [Fact]
    public void Scrape_GatewayRequests_ByRouteStatusClassAndSource()
    {
        _registry.OfferRequest(Invocations.Request(status: 200));
        _registry.OfferRequest(Invocations.Request(status: 204));
        _registry.OfferRequest(Invocations.Request(status: 502));
        _registry.OfferRequest(Invocations.Request(status: 200, source: "uptime"));
        _registry.OfferRequest(Invocations.Request(route: null, status: 404, app: "shop"));

        var scrape = Scrape();

        scrape.Value("fathom_http_requests_total", ("route", "GET /orders"), ("status_class", "2xx"), ("source", "api")).Should().Be(2);
        scrape.Value("fathom_http_requests_total", ("route", "GET /orders"), ("status_class", "5xx")).Should().Be(1);
        scrape.Value("fathom_http_requests_total", ("route", "GET /orders"), ("source", "uptime")).Should().Be(1, "probes never count as traffic");
        scrape.Value("fathom_http_requests_total", ("route", ""), ("status_class", "4xx")).Should().Be(1);
        scrape.Value("fathom_http_request_duration_seconds_count", ("route", "GET /orders"), ("status_class", "2xx"), ("source", "api")).Should().Be(2);
    }

    [Fact]
    public void Scrape_LabelValuesWithQuotesBackslashesAndLineFeeds_ParseBackUnchanged()
    {
        const string Route = "GET /a\"b\\c\nd";
        const string App = "shop \"eu\"\\1";
        _registry.OfferRequest(Invocations.Request(route: Route, app: App));
        _registry.OfferInvocation(Invocations.Of(app: App, alias: "a\\\"b"));

        var text = Render();
        var scrape = Exposition.Parse(text);

        scrape.Value("fathom_http_requests_total", ("route", Route), ("app", App)).Should().Be(1);
        scrape.Value("fathom_invocations_total", ("app", App), ("alias", "a\\\"b")).Should().Be(1);
        text.Split('\n').Should().OnlyContain(line => !line.StartsWith("d\"", StringComparison.Ordinal), "a line feed in a value is escaped, never written");
    }

    [Fact]
    public void Scrape_EveryFamily_OneHelpAndOneTypeBeforeItsSamples()
    {
        _registry.OfferInvocation(Invocations.Of());
        _registry.OfferRequest(Invocations.Request());

        var scrape = Scrape();

        scrape.Families.Keys.Should().Contain([
            "fathom_invocations_total", "fathom_invocation_errors_total", "fathom_invocation_throttles_total",
            "fathom_invocation_cold_starts_total", "fathom_invocation_duration_seconds", "fathom_invocation_init_duration_seconds",
            "fathom_http_requests_total", "fathom_http_request_duration_seconds"]);
        scrape.Families["fathom_invocation_duration_seconds"].Type.Should().Be("histogram");
        scrape.Families["fathom_invocations_total"].Type.Should().Be("counter");
        scrape.Families.Values.Should().OnlyContain(f => f.Help.Length > 0);
    }

    [Fact]
    public void Scrape_VersionNotLiveAndIdleLongerThanTheWindow_Disappears()
    {
        _registry.OfferInvocation(Invocations.Of(version: "1"));
        _time.Advance(TimeSpan.FromMinutes(15));
        Scrape().Find("fathom_invocations_total", ("version", "1")).Should().ContainSingle("it served 15 minutes ago, within the window");

        _time.Advance(TimeSpan.FromSeconds(1));

        Scrape().Find("fathom_invocations_total", ("version", "1")).Should().BeEmpty();
        _registry.FunctionSeriesCount.Should().Be(0, "its memory goes too");
    }

    [Fact]
    public void Scrape_LiveVersionIdleForHours_Stays()
    {
        _live.Live.Add("orders:1");
        _registry.OfferInvocation(Invocations.Of(version: "1"));

        _time.Advance(TimeSpan.FromHours(3));

        Scrape().Value("fathom_invocations_total", ("version", "1")).Should().Be(1);
    }

    [Fact]
    public void Scrape_FiftyReloadsAMinuteApart_OnlyLiveAndRecentlyServedVersionsRemain()
    {
        for (var version = 1; version <= 50; version++)
        {
            // Each reload publishes the next version and moves the alias to it; a few requests follow.
            _live.Live.Clear();
            _live.Live.Add($"orders:{version}");
            _registry.OfferInvocation(Invocations.Of(version: $"{version}"));
            _registry.OfferInvocation(Invocations.Of(version: $"{version}", source: "uptime"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var versions = Scrape().Find("fathom_invocations_total").Select(s => int.Parse(s.Labels["version"], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();

        versions.Should().Equal(Enumerable.Range(36, 15), "versions served in the last 15 minutes, the live one among them");
        _registry.FunctionSeriesCount.Should().Be(30);

        _time.Advance(TimeSpan.FromHours(1));
        Scrape().Find("fathom_invocations_total").Select(s => s.Labels["version"]).Distinct().Should().Equal("50");
    }

    [Fact]
    public void OfferInvocation_NobodyScrapes_StillPrunesEveryMinute()
    {
        for (var version = 1; version <= 50; version++)
        {
            _registry.OfferInvocation(Invocations.Of(version: $"{version}"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        _registry.FunctionSeriesCount.Should().BeLessThanOrEqualTo(16, "memory is bounded without a scraper");
    }

    private Exposition Scrape() => Exposition.Parse(Render());

    private string Render() => new PrometheusExposition([new RegistryCollector(_registry)]).Render();
}
