using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Logs;

public sealed class LogStorePagingTests : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-logs");
    private readonly LogStore _store;

    // Small text shards, so pages span several of them.
    public LogStorePagingTests() => _store = LogStore.Open(_directory.Path, new LogStoreOptions { TextShardRows = 150 });

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("marker")]
    [InlineData("n>=0")]
    public async Task Query_NewestFirstPages_CoverEveryRowOnceWhileTheWriterAppends(string filter)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var existing = await AppendBatchesAsync(0, 10, cancellationToken);
        var firstPage = await _store.QueryAsync(new LogQuery { Filter = LogFilter.Parse(filter), Limit = 37 }, cancellationToken);
        var seen = new List<long>(firstPage.Records.Select(record => record.Sequence));

        // The writer keeps appending while the reader pages down from its first page: nothing below the first page's
        // cursor changes, so the pages cover exactly what was there.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var batch = 10; !stop.IsCancellationRequested; batch++)
            {
                await AppendBatchesAsync(batch, 1, CancellationToken.None);
            }
        }, cancellationToken);
        var cursor = firstPage.NextCursor;
        while (cursor is not null)
        {
            var page = await _store.QueryAsync(new LogQuery { Filter = LogFilter.Parse(filter), Limit = 37, Before = cursor }, cancellationToken);
            page.Records.Select(record => record.Sequence).Should().BeInDescendingOrder();
            seen.AddRange(page.Records.Select(record => record.Sequence));
            cursor = page.NextCursor;
        }

        await stop.CancelAsync();
        await writer;

        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(existing.Select(record => record.Sequence));
    }

    [Fact]
    public async Task QueryAfter_OldestFirstPages_CatchUpWithRowsAppendedBetweenPages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var all = (await AppendBatchesAsync(0, 3, cancellationToken)).ToList();
        var seen = new List<long>();
        long cursor = 0;
        for (var round = 0; round < 5; round++)
        {
            var page = await _store.QueryAsync(new LogQuery { After = cursor, Limit = 45 }, cancellationToken);
            seen.AddRange(page.Records.Select(record => record.Sequence));
            cursor = page.NextCursor ?? page.Records.LastOrDefault()?.Sequence ?? cursor;
            all.AddRange(await AppendBatchesAsync(10 + round, 1, cancellationToken));
        }

        while (await _store.ReadAfterAsync(cursor, new LogQuery(), 100, cancellationToken) is { Count: > 0 } rest)
        {
            seen.AddRange(rest.Select(record => record.Sequence));
            cursor = rest[^1].Sequence;
        }

        seen.Should().Equal(all.Select(record => record.Sequence));
    }

    [Fact]
    public async Task ReadAfter_WithFilter_ReturnsOnlyMatchingLinesAfterTheCursor()
    {
        var stored = await _store.AppendAsync(
            LogLines.Line("tick 1"), LogLines.Line("boom 1", level: LogLevel.Error), LogLines.Line("tick 2"), LogLines.Line("boom 2", level: LogLevel.Error));

        var after = await _store.ReadAfterAsync(stored[1].Sequence, new LogQuery { Filter = LogFilter.Parse("boom level>=ERROR") }, 10, TestContext.Current.CancellationToken);

        after.Select(record => record.Message).Should().Equal("boom 2");
    }

    [Fact]
    public async Task ReadRequest_LinesSpreadOverSeveralShards_AreAllFoundInOrder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var expected = new List<long>();
        for (var round = 0; round < 4; round++)
        {
            await AppendBatchesAsync(round * 10, 2, cancellationToken);
            var mine = await _store.AppendAsync([LogLines.Line($"mine {round}", requestId: "spread")], cancellationToken);
            expected.Add(mine[0].Sequence);
        }

        expected.Add((await _store.AppendAsync([LogLines.Invocation("spread", LogLines.T0)], cancellationToken))[0].Sequence);

        var records = await _store.ReadRequestAsync("spread", cancellationToken);
        var page = await _store.QueryAsync(new LogQuery { RequestId = "spread" }, cancellationToken);

        records.Select(record => record.Sequence).Should().Equal(expected);
        page.Records.Select(record => record.Sequence).Should().Equal(Enumerable.Reverse(expected));
    }

    [Fact]
    public async Task Append_FailedBatch_StoresNothingAndTheNextBatchIsSearchable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await AppendBatchesAsync(0, 1, cancellationToken);
        var failing = Enumerable.Range(0, 200).Select(i => LogLines.Line($"doomed {i}")).Append(LogLines.Line("broken") with { App = null! }).ToArray();

        var act = async () => await _store.AppendAsync(failing, cancellationToken);

        await act.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>();
        (await _store.MessagesAsync("doomed")).Should().BeEmpty();
        await _store.AppendAsync(LogLines.Line("survivor"));
        (await _store.MessagesAsync("survivor")).Should().Equal("survivor");
        (await _store.GetStatsAsync(cancellationToken)).Rows.Should().Be(101);
    }

    [Fact]
    public async Task Query_CancelledToken_StopsTheQuery()
    {
        await AppendBatchesAsync(0, 2, TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _store.QueryAsync(new LogQuery(), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private async Task<IReadOnlyList<LogRecord>> AppendBatchesAsync(int first, int count, CancellationToken cancellationToken)
    {
        var stored = new List<LogRecord>();
        for (var batch = first; batch < first + count; batch++)
        {
            var records = Enumerable.Range(0, 100).Select(i =>
                LogLines.Line($"batch {batch} line {i} marker", requestId: $"r{batch}", fields: $$"""{"n":{{i}}}""")).ToArray();
            stored.AddRange(await _store.AppendAsync(records, cancellationToken));
        }

        return stored;
    }
}
