using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Telemetry.Tests.Logs;

public sealed class LogRetentionTests : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-logs");
    private readonly LogStore _store;
    private readonly FakeTimeProvider _time = new(LogLines.T0);

    public LogRetentionTests() => _store = LogStore.Open(_directory.Path, new LogStoreOptions { TextShardRows = 2_000 });

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunOnce_RecordsOlderThanMaxAge_AreDeletedAndNoLongerFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await _store.AppendAsync(
            LogLines.Line("old needle", time: LogLines.T0),
            LogLines.Invocation("old", LogLines.T0),
            LogLines.Line("new needle", time: LogLines.T0.AddDays(7.5)));
        _time.Advance(TimeSpan.FromDays(8));
        var retention = new LogRetention(_store, new LogRetentionOptions { MaxAge = TimeSpan.FromDays(7), DeleteChunkRows = 1 }, _time);

        var result = await retention.RunOnceAsync(cancellationToken);

        result.RowsDeletedByAge.Should().Be(2);
        result.RowsDeletedBySize.Should().Be(0);
        (await _store.MessagesAsync("needle")).Should().Equal("new needle");
        (await _store.GetStatsAsync(cancellationToken)).Rows.Should().Be(1);
    }

    [Fact]
    public async Task RunOnce_WithinLimits_DeletesNothing()
    {
        await _store.AppendAsync(LogLines.Line("fresh", time: LogLines.T0));
        var retention = new LogRetention(_store, new LogRetentionOptions(), _time);

        var result = await retention.RunOnceAsync(TestContext.Current.CancellationToken);

        result.RowsDeleted.Should().Be(0);
        (await _store.MessagesAsync("fresh")).Should().Equal("fresh");
    }

    [Fact]
    public async Task RunOnce_OverMaxBytes_ShrinksTheFileAndKeepsTheNewestRows()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const long maxBytes = 1L << 20;
        var retention = new LogRetention(_store, new LogRetentionOptions { MaxBytes = maxBytes }, _time);
        var databaseLengths = new List<long>();
        LogRecord newest = null!;
        for (var round = 0; round < 4; round++)
        {
            newest = (await FillAsync(round, 6_000, cancellationToken))[^1];
            var before = new FileInfo(_store.DatabasePath).Length + new FileInfo(_store.DatabasePath + "-wal").Length;

            var result = await retention.RunOnceAsync(cancellationToken);

            result.RowsDeletedBySize.Should().BeGreaterThan(0);
            result.BytesInUseAfter.Should().BeLessThanOrEqualTo(maxBytes);
            var after = new FileInfo(_store.DatabasePath).Length;
            after.Should().BeLessThan(before).And.BeLessThanOrEqualTo(maxBytes, "freed pages are given back to the file system");
            databaseLengths.Add(after);
        }

        databaseLengths.Max().Should().BeLessThanOrEqualTo(maxBytes, "the file stops growing however much is written");
        (await _store.MessagesAsync("\"round 3 line 5999\"")).Should().ContainSingle();
        var page = await _store.QueryAsync(new LogQuery { Limit = 1 }, cancellationToken);
        page.Records.Single().Sequence.Should().Be(newest.Sequence, "the newest rows survive");
        var stats = await _store.GetStatsAsync(cancellationToken);
        stats.Oldest.Should().BeAfter(LogLines.T0, "the oldest rows went first");
    }

    private async Task<IReadOnlyList<LogRecord>> FillAsync(int round, int count, CancellationToken cancellationToken)
    {
        var stored = new List<LogRecord>();
        for (var offset = 0; offset < count; offset += 1_000)
        {
            var batch = Enumerable.Range(offset, 1_000).Select(i => LogLines.Line(
                $"round {round} line {i} handled order {i * 7919 % 100_003} for customer {i % 977} in {i % 311} ms",
                requestId: $"req-{round}-{i / 10}",
                fields: i % 3 == 0 ? $$$"""{"round":{{{round}}},"order":{"id":{{{i}}},"total":{{{i % 500}}}.25}}""" : null,
                time: LogLines.T0.AddSeconds((round * count) + i))).ToArray();
            stored.AddRange(await _store.AppendAsync(batch, cancellationToken));
        }

        return stored;
    }
}
