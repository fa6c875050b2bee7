using System.Net;
using System.Text;
using System.Text.Json;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

public sealed class SentryIngestEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "gzip")]
    public async Task Envelope_ValidEvent_Answers200WithTheIdAndReachesTheSink(bool withLength, string? encoding)
    {
        await using var host = await SentryHost.StartAsync();
        var body = SentryPayloads.Envelope(SentryPayloads.Event, withLength);

        using var response = await host.PostAsync($"/api/{host.Project.Id}/envelope/", encoding is null ? body : SentryPayloads.Gzip(body), host.Auth, encoding);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be($$"""{"id":"{{SentryPayloads.EventId}}"}""");
        var received = host.Sink!.Events.Should().ContainSingle().Subject;
        (received.App, received.Function, received.Version, received.Type).Should().Be(("shop", "checkout", "7", "TypeError"));
    }

    [Fact]
    public async Task Store_LegacyBodyWithQueryKey_Answers200WithTheId()
    {
        await using var host = await SentryHost.StartAsync();

        using var response = await host.PostAsync($"/api/{host.Project.Id}/store/?sentry_version=7&sentry_key={host.Project.PublicKey}",
            Encoding.UTF8.GetBytes(SentryPayloads.Event));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(SentryPayloads.EventId);
        host.Sink!.Events.Should().ContainSingle().Which.Kind.Should().Be("Exception");
    }

    [Fact]
    public async Task Envelope_KeyOnlyInTheEnvelopeDsn_IsAccepted()
    {
        await using var host = await SentryHost.StartAsync();
        var body = SentryPayloads.Envelope("""{"message":"m"}""", true, $$"""{"dsn":"{{host.Dsn}}"}""");

        using var response = await host.PostAsync($"/api/{host.Project.Id}/envelope/", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Sink!.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task Envelope_SessionsAndClientReports_AreSkippedAndCounted()
    {
        await using var host = await SentryHost.StartAsync();
        var body = Encoding.UTF8.GetBytes("{}\n{\"type\":\"session\"}\n{\"sid\":\"1\"}\n{\"type\":\"client_report\"}\n{}\n");

        using var response = await host.PostAsync($"/api/{host.Project.Id}/envelope/", body, host.Auth);
        using var dsn = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri(host.Url, "/fathom/v1/errors/dsn"), Ct));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("{}");
        host.Sink!.Events.Should().BeEmpty();
        var skipped = dsn.RootElement.GetProperty("ingest").GetProperty("skippedItems");
        (skipped.GetProperty("session").GetInt32(), skipped.GetProperty("client_report").GetInt32()).Should().Be((1, 1));
    }

    public static TheoryData<string, string, int> Corpus => new()
    {
        { "truncated", "{\"event_id\":\"9ec7", 400 },
        { "wrong length", "{}\n{\"type\":\"event\",\"length\":500}\n{}", 400 },
        { "bad json event", "{}\n{\"type\":\"event\"}\n{\"message\":", 400 },
        { "bad gzip", "gzip:", 400 },
        { "huge", "huge:", 413 },
        { "unknown project", "project:999", 403 },
        { "not a project id", "project:abc", 404 },
        { "bad key", "auth:Sentry sentry_key=0000", 403 },
        { "no key", "auth:", 401 },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Envelope_MalformedCorpus_AnswersTheRight4xxAndStaysHealthy(string name, string input, int status)
    {
        await using var host = await SentryHost.StartAsync();
        var project = host.Project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var auth = host.Auth;
        string? encoding = null;
        var body = Encoding.UTF8.GetBytes(input);
        switch (input.Split(':')[0])
        {
            case "gzip":
                (body, encoding) = ([0x1f, 0x8b, 1, 2, 3], "gzip");
                break;
            case "huge":
                body = new byte[2 * 1024 * 1024];
                break;
            case "project":
                (project, body) = (input[8..], SentryPayloads.Envelope("{}", true));
                break;
            case "auth":
                (auth, body) = (input[5..], SentryPayloads.Envelope("{}", true));
                break;
        }

        using var response = await host.PostAsync($"/api/{project}/envelope/", body, auth.Length == 0 ? null : auth, encoding);
        using var healthy = await host.PostAsync($"/api/{host.Project.Id}/envelope/", SentryPayloads.Envelope(SentryPayloads.Event, true), host.Auth);

        ((int)response.StatusCode).Should().Be(status, name);
        response.Headers.TryGetValues("X-Sentry-Error", out var reason).Should().BeTrue(name);
        reason!.Single().Should().NotBeEmpty();

        healthy.StatusCode.Should().Be(HttpStatusCode.OK, "the server keeps serving after " + name);
        host.Sink!.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task Envelope_SinkQueueFull_Answers429WithRateLimitHeaders()
    {
        await using var host = await SentryHost.StartAsync();
        host.Sink!.Accepting = false;

        using var response = await host.PostAsync($"/api/{host.Project.Id}/envelope/", SentryPayloads.Envelope(SentryPayloads.Event, true), host.Auth);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        response.Headers.GetValues("X-Sentry-Rate-Limits").Single().Should().Be("60:default;error:organization");
    }

    [Fact]
    public async Task Dsn_AppAndEnvironment_GivesTheAdminAndFunctionDsnsStableAcrossRestarts()
    {
        using var directory = new TempDirectory("fathom-sentry");
        string first;
        await using (var host = await SentryHost.StartAsync(dataDirectory: directory.Path))
        {
            first = await host.Client.GetStringAsync(new Uri(host.Url, "/fathom/v1/errors/dsn?app=shop&env=local"), Ct);
        }

        await using var again = await SentryHost.StartAsync(dataDirectory: directory.Path);
        using var second = JsonDocument.Parse(await again.Client.GetStringAsync(new Uri(again.Url, "/fathom/v1/errors/dsn"), Ct));

        var project = second.RootElement.GetProperty("projects").EnumerateArray().Single();
        var key = project.GetProperty("publicKey").GetString();
        first.Should().Contain(key);
        project.GetProperty("dsn").GetString().Should().Be($"http://{key}@127.0.0.1:{again.Url.Port}/1");
        project.GetProperty("functionDsn").GetString().Should().Be($"http://{key}@127.0.0.1:9002/1");
        File.GetUnixFileMode(directory.Combine("sentry-projects.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
