using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Telemetry.Tests.Metrics;

/// <summary>A recorder over a real <c>metrics.db</c> in a temp folder, on a fake clock; reopening it is a restart.</summary>
internal sealed class MetricTestHost : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-metrics");

    public MetricTestHost(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Open();
    }

    public FakeTimeProvider Time { get; }

    public TelemetryDrops Drops { get; } = new();

    public MetricsOptions Options { get; } = new();

    public MetricStore Store { get; private set; } = null!;

    public MetricRecorder Recorder { get; private set; } = null!;

    public string Directory => _directory.Path;

    /// <summary>Lets the clock run to <paramref name="time"/> and writes what closed, as the background loop would.</summary>
    public void FlushAt(DateTimeOffset time)
    {
        Time.SetUtcNow(time);
        Recorder.Flush(time);
    }

    /// <summary>A kill -9 and a restart: the old store is abandoned unflushed (its open seconds are lost), a new one
    /// opens the same file.</summary>
    public void Restart()
    {
        Open();
    }

    public MetricQueryResult Query(string? metric, string stat, TimeSpan period, DateTimeOffset start, DateTimeOffset end, string? version = null, string? source = null, bool total = false) =>
        Store.Query(new MetricQuery
        {
            Function = "orders",
            Metric = metric,
            Stats = [stat],
            Period = period,
            Start = start,
            End = end,
            Version = version,
            Source = source,
            IncludeTotal = total,
        });

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }

    private void Open()
    {
        Store = MetricStore.Open(_directory.Path);
        Recorder = new MetricRecorder(Store, Drops, Options, Time, NullLogger<MetricRecorder>.Instance);
    }
}
