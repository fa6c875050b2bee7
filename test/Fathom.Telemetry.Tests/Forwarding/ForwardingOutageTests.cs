using Fathom.Apps.Config;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Telemetry.Tests.Forwarding;

public sealed class ForwardingOutageTests
{
    private static LogForwarding Forwarding(OtlpReceiver receiver, LogForwarderOptions options) =>
        new(new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = receiver.Endpoint }] }, options);

    private static LogRecord Numbered(int n) => TestRecords.Line($"line {n:D4}", level: (LogLevel)(1 + (n % 6))) with
    {
        Time = TestRecords.Time.AddMilliseconds(n),
        RequestId = $"req-{n / 10}",
    };

    private static void InvariantHolds(LogForwarderStats stats) =>
        stats.Accepted.Should().Be(stats.Delivered + stats.Dropped + stats.Pending, "every accepted record is delivered, dropped or pending");

    [Fact]
    public async Task Outage_ServerErrorsThenDownThenBack_DeliversEverythingNotDroppedExactlyOnceInOrder()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Status = () => 503;
        await using var forwarding = Forwarding(receiver, FastOptions.Create(queueCapacity: 300));
        var queued = new List<LogRecord>();
        var n = 0;
        void Offer(int count)
        {
            for (var i = 0; i < count; i++, n++)
            {
                var record = Numbered(n);
                if (forwarding.Enqueue(record))
                {
                    queued.Add(record);
                }

                InvariantHolds(forwarding.GetStats()[0]);
            }
        }

        // 503s: the first batch is retried, the rest wait in the queue.
        Offer(100);
        await Eventually.WaitAsync(() => receiver.Received.Count >= 3, "three refused attempts");

        // Down entirely: connections are refused, and records beyond the queue's room are dropped.
        await receiver.StopAsync();
        Offer(400);
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].LastError is { } error && !error.StartsWith("HTTP 503", StringComparison.Ordinal), "a failed connection");
        var down = forwarding.GetStats()[0];
        down.DroppedByReason[LogDropReason.QueueFull].Should().BePositive();
        InvariantHolds(down);

        // Back: everything still held goes out.
        receiver.Status = () => 200;
        await receiver.RestartAsync();
        Offer(50);
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].Pending == 0, "the queue to drain");

        var stats = forwarding.GetStats()[0];
        InvariantHolds(stats);
        (stats.Accepted, stats.Pending, stats.Dropped).Should().Be((550, 0, stats.DroppedByReason[LogDropReason.QueueFull]));
        stats.Delivered.Should().Be(queued.Count);
        stats.LastError.Should().BeNull();
        var delivered = receiver.Accepted
            .SelectMany(e => e.Decode().ResourceLogs.SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords))
            .Select(l => (l.Body.StringValue, l.TimeUnixNano, (int)l.SeverityNumber, l.Attributes.Single(a => a.Key == "faas.invocation_id").Value.StringValue))
            .ToList();
        delivered.Should().Equal(queued.Select(r => (r.Message, (ulong)(r.Time - DateTimeOffset.UnixEpoch).Ticks * 100, new[] { 0, 1, 5, 9, 13, 17, 21 }[(int)r.Level], r.RequestId!)));
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsAndCountsWithoutBlocking()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Status = () => OtlpReceiver.Hang;
        var options = FastOptions.Create(queueCapacity: 100);
        await using var forwarding = Forwarding(receiver, options);
        forwarding.Enqueue(Numbered(0));
        await Eventually.WaitAsync(() => !receiver.Received.IsEmpty, "the first request to hang");

        var slowest = TimeSpan.Zero;
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 1; i < 20_000; i++)
        {
            var before = TimeProvider.System.GetTimestamp();
            forwarding.Enqueue(Numbered(i));
            var took = TimeProvider.System.GetElapsedTime(before);
            slowest = took > slowest ? took : slowest;
        }

        var total = TimeProvider.System.GetElapsedTime(started);

        // Generous bounds: they hold on a loaded machine, and a blocking enqueue would wait the 5 s send timeout.
        total.Should().BeLessThan(TimeSpan.FromSeconds(2));
        slowest.Should().BeLessThan(TimeSpan.FromMilliseconds(500));
        var stats = forwarding.GetStats()[0];
        InvariantHolds(stats);
        stats.Accepted.Should().Be(20_000);
        stats.Pending.Should().Be(101, "one record in the hanging request and a full queue");
        stats.DroppedByReason[LogDropReason.QueueFull].Should().Be(20_000 - 101);

        await forwarding.StopAsync(TimeSpan.FromMilliseconds(100));
        var stopped = forwarding.GetStats()[0];
        InvariantHolds(stopped);
        (stopped.Pending, stopped.DroppedByReason[LogDropReason.Shutdown]).Should().Be((0, 101));
    }

    [Fact]
    public async Task Stop_DestinationDown_DropsWhatIsLeftAsShutdownAfterTheGracePeriod()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Status = () => 503;
        await using var forwarding = Forwarding(receiver, FastOptions.Create());
        for (var i = 0; i < 200; i++)
        {
            forwarding.Enqueue(Numbered(i));
        }

        await Eventually.WaitAsync(() => receiver.Received.Count >= 2, "the destination to refuse");
        var started = TimeProvider.System.GetTimestamp();
        await forwarding.StopAsync(TimeSpan.FromMilliseconds(300));
        var took = TimeProvider.System.GetElapsedTime(started);

        took.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)).And.BeLessThan(TimeSpan.FromSeconds(3));
        var stats = forwarding.GetStats()[0];
        (stats.Accepted, stats.Delivered, stats.Pending, stats.DroppedByReason[LogDropReason.Shutdown]).Should().Be((200, 0, 0, 200));
        forwarding.Enqueue(Numbered(999)).Should().BeFalse();
        forwarding.GetStats()[0].DroppedByReason[LogDropReason.Shutdown].Should().Be(201);
    }

    [Fact]
    public async Task Stop_DestinationUp_SendsEverythingQueuedBeforeReturning()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var forwarding = Forwarding(receiver, FastOptions.Create() with { MaxBatchDelay = TimeSpan.FromSeconds(30) });
        for (var i = 0; i < 1000; i++)
        {
            forwarding.Enqueue(Numbered(i));
        }

        await forwarding.StopAsync(TimeSpan.FromSeconds(10));

        var stats = forwarding.GetStats()[0];
        (stats.Delivered, stats.Dropped, stats.Pending).Should().Be((1000, 0, 0));
        receiver.Accepted.Sum(e => e.Decode().ResourceLogs.Sum(r => r.ScopeLogs.Sum(s => s.LogRecords.Count))).Should().Be(1000);
        receiver.Accepted.Should().HaveCountGreaterThanOrEqualTo(1000 / 64, "batches hold at most MaxBatchSize records");
    }

    [Fact]
    public async Task Enqueue_OneDestinationHanging_TheOtherStillGetsEverything()
    {
        await using var hanging = await OtlpReceiver.StartAsync();
        hanging.Status = () => OtlpReceiver.Hang;
        await using var healthy = await OtlpReceiver.StartAsync();
        var config = new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = hanging.Endpoint }, new OtlpForwardConfig { Endpoint = healthy.Endpoint, Encoding = OtlpEncoding.Json }] };
        await using var forwarding = new LogForwarding(config, FastOptions.Create(queueCapacity: 100));

        var all = new List<bool>();
        for (var i = 0; i < 500; i++)
        {
            // At the pace the healthy destination takes them, which the hanging one cannot match.
            await Eventually.WaitAsync(() => forwarding.GetStats()[1].Pending < 50, "room in the healthy destination's queue");
            all.Add(forwarding.Enqueue(Numbered(i)));
        }

        await Eventually.WaitAsync(() => forwarding.GetStats()[1].Pending == 0, "the healthy destination to drain");

        all.Should().Contain(false, "the hanging destination's queue filled");
        var stats = forwarding.GetStats();
        stats.Select(s => s.Destination).Should().Equal($"otlp {hanging.Endpoint}", $"otlp {healthy.Endpoint}");
        stats[0].DroppedByReason[LogDropReason.QueueFull].Should().BePositive();
        (stats[1].Delivered, stats[1].Dropped).Should().Be((500, 0));
        await forwarding.StopAsync(TimeSpan.FromMilliseconds(100));
    }
}
