using System.Text;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Errors.Sentry;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

public sealed class SentryEventReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly SentryEventIdentity Project = new("shop", "local");

    private static ErrorEvent Read(string json, SentryEventIdentity? identity = null) =>
        SentryEventReader.Read(Encoding.UTF8.GetBytes(json), identity ?? Project, Now);

    [Fact]
    public void Read_NodeException_MapsEveryField()
    {
        var e = Read(SentryPayloads.Event);

        e.EventId.Should().Be(SentryPayloads.EventId);
        e.Time.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500));
        (e.App, e.Environment, e.Function, e.Version).Should().Be(("shop", "local", "checkout", "7"));
        (e.Origin, e.Kind, e.Type, e.Message, e.Level).Should().Be((ErrorOrigins.Sdk, "Exception", "TypeError", "x is undefined", "error"));
        e.Sdk.Should().Be("sentry.javascript.node/8.0.0");
        e.Tags.Should().Contain("region", "eu").And.Contain("sentry.environment", "production");
        e.Frames.Should().Equal(
            new ErrorFrame("process.processTicksAndRejections", "node:internal/process/task_queues", 95, 5, false),
            new ErrorFrame("wrap", "node_modules/lib/index.js", 3, 1, false),
            new ErrorFrame("handler", "src/app.js", 12, 9, true));
    }

    [Fact]
    public void Read_CallerIdentity_WinsOverTheRelease()
    {
        var e = Read(SentryPayloads.Event, new SentryEventIdentity("shop", "local", "payments", "3"));

        (e.Function, e.Version).Should().Be(("payments", "3"));
    }

    [Fact]
    public void Read_MessageEventWithTagPairsAndRfc3339Time_MapsEveryField()
    {
        var e = Read("""
            {"event_id":"9EC79C33-EC99-42AB-8353-589FCB2E04DC","timestamp":"2026-12-07T09:30:00.250Z","level":"warning",
             "logentry":{"message":"card %s declined","formatted":"card 42 declined"},"fingerprint":["{{ default }}","card"],
             "tags":[["function","refunds"],["version","9"],["aws_request_id","req-1"]],
             "request":{"method":"POST","url":"http://localhost/pay","data":{"amount":3}}}
            """);

        e.EventId.Should().Be(SentryPayloads.EventId);
        e.Time.Should().Be(new DateTimeOffset(2026, 12, 7, 9, 30, 0, 250, TimeSpan.Zero));
        (e.Kind, e.Type, e.Message, e.Level).Should().Be(("Message", "Message", "card 42 declined", "warning"));
        (e.Function, e.Version, e.RequestId).Should().Be(("refunds", "9", "req-1"));
        e.Fingerprint.Should().Equal("{{ default }}", "card");
        e.Tags.Should().Contain("http.method", "POST").And.Contain("url", "http://localhost/pay");
        e.Payload.Should().Be("""{"amount":3}""");
        e.Frames.Should().BeEmpty();
    }

    [Fact]
    public void Read_NothingToName_FilesUnderDashAndNow()
    {
        var e = Read("""{"message":"plain"}""");

        (e.Function, e.Version, e.Message, e.Time).Should().Be(("-", "-", "plain", Now));
        e.EventId.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"message\":")]
    [InlineData("not json")]
    public void Read_NotAnObject_IsABadRequest(string json)
    {
        FluentActions.Invoking(() => Read(json)).Should().Throw<SentryRejectedException>().Which.Status.Should().Be(400);
    }
}
