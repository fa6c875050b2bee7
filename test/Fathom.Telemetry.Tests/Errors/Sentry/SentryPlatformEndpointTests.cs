using System.Text;
using Fathom.Platform.Endpoint;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

/// <summary>The Sentry ingest as a sandbox sees it, through the platform endpoint's routes the runtime serves.</summary>
public sealed class SentryPlatformEndpointTests
{
    private static readonly SandboxCaller Caller = new("payments", "3", "env-1") { App = "shop", Environment = "local" };

    private static async Task<PlatformEndpointResponse> PostAsync(SentryHost host, string path, byte[] body, SandboxCaller? caller = null)
    {
        var route = host.PlatformRoutes.Resolve("POST", path);
        route.Handler.Should().NotBeNull();
        return await route.Handler!(new PlatformEndpointRequest
        {
            Method = "POST",
            Path = path,
            Query = $"sentry_key={host.Project.PublicKey}&sentry_version=7",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Body = body,
            Caller = caller ?? Caller,
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Envelope_FromASandbox_IsStampedWithTheCallerOverTheRelease()
    {
        await using var host = await SentryHost.StartAsync();

        var response = await PostAsync(host, $"/api/{host.Project.Id}/envelope/", SentryPayloads.Envelope(SentryPayloads.Event, withLength: false));

        response.Status.Should().Be(200);
        Encoding.UTF8.GetString(response.Body.Span).Should().Be($$"""{"id":"{{SentryPayloads.EventId}}"}""");
        var received = host.Sink!.Events.Should().ContainSingle().Subject;
        (received.App, received.Environment, received.Function, received.Version).Should().Be(("shop", "local", "payments", "3"));
    }

    [Fact]
    public async Task Envelope_IntoAnotherAppsProject_IsForbidden()
    {
        await using var host = await SentryHost.StartAsync();
        var other = host.Projects.GetOrCreate("billing", "local");

        var response = await PostAsync(host, $"/api/{other.Id}/store/", Encoding.UTF8.GetBytes(SentryPayloads.Event));

        response.Status.Should().Be(403);
        host.Sink!.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Envelope_QueueFull_CarriesTheRateLimitHeadersToTheSdk()
    {
        await using var host = await SentryHost.StartAsync();
        host.Sink!.Accepting = false;

        var response = await PostAsync(host, $"/api/{host.Project.Id}/envelope/", SentryPayloads.Envelope(SentryPayloads.Event, withLength: true));

        response.Status.Should().Be(429);
        response.Headers.Should().Contain(new KeyValuePair<string, string>("Retry-After", "60"))
            .And.Contain(new KeyValuePair<string, string>("X-Sentry-Rate-Limits", "60:default;error:organization"));
    }

    [Fact]
    public async Task Variables_ForAnEnvironment_PointTheSdkAtItsPlatformEndpoint()
    {
        await using var host = await SentryHost.StartAsync();

        var variables = host.PlatformRoutes.Variables(Caller, "127.0.0.1:9002");

        variables.Should().Equal(new Dictionary<string, string>
        {
            ["SENTRY_DSN"] = $"http://{host.Project.PublicKey}@127.0.0.1:9002/{host.Project.Id}",
            ["SENTRY_RELEASE"] = "payments@3",
            ["SENTRY_ENVIRONMENT"] = "local",
        });
    }

    [Fact]
    public async Task Get_OnTheIngestPath_IsNotAllowed()
    {
        await using var host = await SentryHost.StartAsync();

        var route = host.PlatformRoutes.Resolve("GET", "/api/1/envelope/");

        (route.Handler, route.PathKnown).Should().Be((null, true));
    }
}
