using System.Text;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Ingest;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class PlatformErrorsTests
{
    private static readonly Redactor Redactor = new(new NoSecretValues());

    [Theory]
    [InlineData(InvocationOutcome.FunctionError)]
    [InlineData(InvocationOutcome.InitError)]
    [InlineData(InvocationOutcome.Timeout)]
    [InlineData(InvocationOutcome.Crash)]
    [InlineData(InvocationOutcome.OutOfMemory)]
    public void From_FailedInvocation_AnEventWithTheIdentityTypeAndParsedStack(InvocationOutcome outcome)
    {
        var errorEvent = PlatformErrors.From(Completed(outcome), Redactor);

        errorEvent.Should().NotBeNull();
        errorEvent!.Origin.Should().Be(ErrorOrigins.Platform);
        errorEvent.Kind.Should().Be(outcome.ToString());
        errorEvent.Type.Should().Be("TypeError");
        errorEvent.RequestId.Should().Be("req-1");
        errorEvent.Version.Should().Be("4");
        errorEvent.Source.Should().Be("api");
        errorEvent.EventId.Should().MatchRegex("^[0-9a-f]{32}$");
        errorEvent.Frames.Should().Equal(
            new ErrorFrame("Runtime.handler", "src/app.js", 9, 3, true),
            new ErrorFrame("loadOrder", "src/app.js", 3, 9, true));
    }

    [Theory]
    [InlineData(InvocationOutcome.Success)]
    [InlineData(InvocationOutcome.Throttled)]
    public void From_SuccessOrThrottle_IsNotAnError(InvocationOutcome outcome) =>
        PlatformErrors.From(Completed(outcome), Redactor).Should().BeNull();

    [Fact]
    public void From_PayloadWithASecretField_RedactedAndCapped()
    {
        var secret = PlatformErrors.From(Completed(InvocationOutcome.FunctionError, """{"user":"bob","password":"hunter2-secret"}"""), Redactor)!;
        var large = PlatformErrors.From(Completed(InvocationOutcome.FunctionError, new string('x', 40_000)), Redactor)!;

        secret.Payload.Should().Contain("bob").And.NotContain("hunter2-secret");
        large.Payload!.Length.Should().Be(PlatformErrors.MaxPayloadChars);
    }

    private static InvocationCompleted Completed(InvocationOutcome outcome, string payload = "{}") => new()
    {
        App = "shop",
        Environment = "local",
        FunctionName = "Orders",
        Version = "4",
        Time = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero),
        RequestId = "req-1",
        Source = "api",
        Start = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero),
        Outcome = outcome,
        ErrorType = "TypeError",
        ErrorMessage = "Cannot read properties of undefined (reading 'items')",
        StackTrace =
        [
            "TypeError: Cannot read properties of undefined (reading 'items')",
            "    at loadOrder (/var/task/src/app.js:3:9)",
            "    at Runtime.handler (/var/task/src/app.js:9:3)",
        ],
        Payload = Encoding.UTF8.GetBytes(payload),
    };
}
