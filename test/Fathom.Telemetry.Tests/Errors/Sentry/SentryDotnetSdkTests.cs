namespace Fathom.Telemetry.Tests.Errors.Sentry;

/// <summary>The real Sentry .NET SDK, configured with nothing but the admin port's DSN, reports into Fathom.</summary>
public sealed class SentryDotnetSdkTests
{
    [Fact]
    public async Task CaptureException_WithTheAdminDsn_ArrivesWithTheSdksFrames()
    {
        await using var host = await SentryHost.StartAsync();
        using var client = new SentryClient(new SentryOptions { Dsn = host.Dsn, Release = "orders@4", AutoSessionTracking = false });

        var id = client.CaptureException(Thrown());
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        var received = await host.Sink!.FirstAsync(TimeSpan.FromSeconds(10));

        received.EventId.Should().Be(id.ToString());
        (received.App, received.Function, received.Version, received.Kind).Should().Be(("shop", "orders", "4", "Exception"));
        (received.Type, received.Message).Should().Be(("System.InvalidOperationException", "the order is gone"));
        received.Sdk.Should().StartWith("sentry.dotnet");
        received.Frames.Should().Contain(f => f.Function != null && f.Function.Contains(nameof(Thrown), StringComparison.Ordinal));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("the order is gone");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
