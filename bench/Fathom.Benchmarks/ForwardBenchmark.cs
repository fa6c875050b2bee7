using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fathom.Apps.Config;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Benchmarks;

/// <summary>Log forwarding: what one <see cref="LogForwarding.Enqueue"/> costs the ingest path (queued, and dropped
/// with the queue full), and how many records a second one forwarder delivers to a local OTLP sink (protobuf, JSON)
/// and a local syslog sink.</summary>
internal static class ForwardBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var count = arguments.Int("count", 200_000);
        await EnqueueCostAsync();
        await using var sink = await HttpSink.StartAsync();
        foreach (var encoding in new[] { OtlpEncoding.Protobuf, OtlpEncoding.Json })
        {
            await ThroughputAsync($"otlp {encoding.ToString().ToLowerInvariant()}", new OtlpForwardConfig { Endpoint = sink.Endpoint, Encoding = encoding }, count);
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = DiscardAsync(listener);
        await ThroughputAsync("syslog tcp", new SyslogForwardConfig { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port }, count);
        return 0;
    }

    private static LogRecord Record(int n) => new()
    {
        Time = DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000).AddMilliseconds(n),
        App = "bench",
        Environment = "prod",
        Function = "orders",
        Version = "12",
        Qualifier = "live",
        Source = "api",
        RequestId = "8f5c1f52-2d4e-4a8a-9b9e-5d1c2f3a4b5c",
        Level = Fathom.Telemetry.Logs.LogLevel.Info,
        Message = $"order {n} placed for customer 4711 with 3 items, total 19.95 EUR",
        Stream = "stdout",
    };

    private static async Task EnqueueCostAsync()
    {
        // Nothing listens on port 1: every send fails, so records stay queued and, once the queue is full, are dropped.
        var config = new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = new Uri("http://127.0.0.1:1/v1/logs") }] };
        const int records = 1_000_000;
        var record = Record(0);
        for (var round = 0; round < 3; round++)
        {
            await using var roomy = new LogForwarding(config, new LogForwarderOptions { QueueCapacity = records });
            var queued = Time(() => roomy.Enqueue(record), records);
            await roomy.StopAsync(TimeSpan.Zero);

            await using var full = new LogForwarding(config, new LogForwarderOptions { QueueCapacity = 1 });
            var dropped = Time(() => full.Enqueue(record), records);
            await full.StopAsync(TimeSpan.Zero);
            Console.WriteLine($"enqueue: queued {queued.TotalNanoseconds / records,5:0} ns/record, dropped (queue full) {dropped.TotalNanoseconds / records,5:0} ns/record");
        }
    }

    private static TimeSpan Time(Action action, int times)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < times; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task ThroughputAsync(string name, LogForwardConfig destination, int count)
    {
        await using var forwarding = new LogForwarding(new LogsConfig { Forward = [destination] });
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            // Keep below the queue's capacity: this measures sending, not dropping.
            while (forwarding.GetStats()[0].Pending >= 9_000)
            {
                await Task.Delay(1);
            }

            forwarding.Enqueue(Record(i));
        }

        await forwarding.StopAsync(TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var stats = forwarding.GetStats()[0];
        Console.WriteLine($"{name,-20}  {stats.Delivered / elapsed.TotalSeconds,10:N0} records/s  delivered {stats.Delivered:N0} dropped {stats.Dropped:N0}");
    }

    private static async Task DiscardAsync(TcpListener listener)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var socket = await listener.AcceptSocketAsync();
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
    }
}
