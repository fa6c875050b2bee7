using System.Net;

namespace Fathom.IntegrationTests.Metrics;

/// <summary>A real Prometheus scraping `fathom up`'s /metrics: what an operator's PromQL sees.</summary>
public sealed class PrometheusScrapeTests(PrometheusAppFixture app, PrometheusServer prometheus) : IClassFixture<PrometheusAppFixture>
{
    private const string Instance = "scrape-tests";

    [Fact]
    public async Task PromQl_AfterRequests_InvocationAndErrorCountsAsSent()
    {
        const int Hellos = 7;
        const int Failures = 2;
        using var client = app.Up.AppClient();
        for (var i = 0; i < Hellos; i++)
        {
            (await client.GetAsync("hello", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < Failures; i++)
        {
            (await client.GetAsync("fail", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.InternalServerError, "HTTP APIs answer a function error with 500");
        }

        await prometheus.AddTargetAsync(Instance, app.Up.AdminUrl);

        (await prometheus.WaitForValueAsync($"sum(fathom_invocations_total{{instance=\"{Instance}\",function=\"Hello\",source=\"api\"}})", Hellos))
            .Should().Be(Hellos, prometheus.Output);
        (await prometheus.WaitForValueAsync($"sum(fathom_invocation_errors_total{{instance=\"{Instance}\",function=\"Fail\",outcome=\"function_error\"}})", Failures))
            .Should().Be(Failures);
        (await prometheus.QueryAsync($"sum(fathom_invocation_errors_total{{instance=\"{Instance}\",function=\"Hello\"}})")).Should().Be(0);
        // The gateway's records travel their own queue: wait for them too rather than assume they came first.
        (await prometheus.WaitForValueAsync($"sum(fathom_http_requests_total{{instance=\"{Instance}\",route=\"GET /fail\",status_class=\"5xx\"}})", Failures))
            .Should().Be(Failures);
        (await prometheus.QueryAsync($"sum(fathom_invocation_duration_seconds_count{{instance=\"{Instance}\",function=\"Hello\"}})")).Should().Be(Hellos);
        (await prometheus.QueryAsync($"count(fathom_invocations_total{{instance=\"{Instance}\",function=\"Hello\",version=\"1\",alias=\"live\",environment=\"local\"}})"))
            .Should().Be(1, "the series carries the version and the alias the route went through");
    }

    [Fact]
    public async Task PromQl_Health_ScrapeUpStoresAndEnvironmentsVisible()
    {
        await prometheus.AddTargetAsync(Instance, app.Up.AdminUrl);

        (await prometheus.WaitForValueAsync($"up{{instance=\"{Instance}\"}}", 1)).Should().Be(1, "Prometheus parsed the scrape: {0}", prometheus.Output);
        (await prometheus.QueryAsync($"fathom_store_bytes{{instance=\"{Instance}\",store=\"logs\"}} > 0")).Should().NotBeNull();
        (await prometheus.QueryAsync($"fathom_store_bytes{{instance=\"{Instance}\",store=\"deployments\"}} > 0")).Should().NotBeNull();
        (await prometheus.QueryAsync($"count(fathom_environments{{instance=\"{Instance}\",function=\"Hello\",version=\"1\"}})"))
            .Should().Be(1, "the live version is listed, with the environments it has running");
        (await prometheus.QueryAsync($"sum(fathom_telemetry_dropped_total{{instance=\"{Instance}\"}})")).Should().Be(0);
    }

    [Fact]
    public async Task Metrics_OnTheAdminPortOnly_InTheTextFormat()
    {
        using var admin = app.Up.AdminClient();
        using var appClient = app.Up.AppClient();

        using var response = await admin.GetAsync("metrics", TestContext.Current.CancellationToken);
        using var onAppPort = await appClient.GetAsync("metrics", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("# TYPE fathom_invocations_total counter");
        onAppPort.StatusCode.Should().Be(HttpStatusCode.NotFound, "the app port serves the app's routes, not the platform's metrics");
    }
}
