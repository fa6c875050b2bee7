using Fathom.Apps.Config;
using Fathom.Telemetry.Logs.Forwarding;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>The forwarder waits on its TimeProvider, so a fake clock steps it through a long back-off in no time.</summary>
public sealed class BackoffTimingTests
{
    private static async Task AdvanceAfterTheForwarderWaitsAsync(FakeTimeProvider time, TimeSpan by)
    {
        // The retry timer is created just after the failure is recorded; give the sender a moment to create it, so
        // the advance moves it rather than starting before it.
        await Task.Delay(50, TestContext.Current.CancellationToken);
        time.Advance(by);
    }

    [Fact]
    public async Task Retry_ServerKeepsFailing_WaitsDoublingDelaysOnTheForwardersClock()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Status = () => 503;
        var time = new FakeTimeProvider();
        var options = FastOptions.Create() with { MaxBatchDelay = TimeSpan.Zero, InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromMinutes(1) };
        var forwarding = new LogForwarding(new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = receiver.Endpoint }] }, options, time);
        try
        {
            forwarding.Enqueue(TestRecords.Line("x"));
            await Eventually.WaitAsync(() => forwarding.GetStats()[0].LastError is not null, "the first failure");

            // First retry after 10 s ± 25 %: not at 7 s, by 12.5 s.
            await AdvanceAfterTheForwarderWaitsAsync(time, TimeSpan.FromSeconds(7));
            await Task.Delay(150, TestContext.Current.CancellationToken);
            receiver.Received.Should().HaveCount(1);
            time.Advance(TimeSpan.FromSeconds(5.5));
            await Eventually.WaitAsync(() => receiver.Received.Count == 2, "the first retry");

            // Second retry after 20 s ± 25 %: not at 14 s, by 25 s.
            await AdvanceAfterTheForwarderWaitsAsync(time, TimeSpan.FromSeconds(14));
            await Task.Delay(150, TestContext.Current.CancellationToken);
            receiver.Received.Should().HaveCount(2);
            time.Advance(TimeSpan.FromSeconds(11));
            await Eventually.WaitAsync(() => receiver.Received.Count == 3, "the second retry");
            forwarding.GetStats()[0].Pending.Should().Be(1);
        }
        finally
        {
            // The stop deadline runs on the fake clock too: stop without grace rather than wait for an advance.
            await forwarding.StopAsync(TimeSpan.Zero);
            await forwarding.DisposeAsync();
        }
    }
}
