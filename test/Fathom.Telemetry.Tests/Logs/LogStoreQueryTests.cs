using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Logs;

public sealed class LogStoreQueryTests : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-logs");
    private readonly LogStore _store;

    public LogStoreQueryTests() => _store = LogStore.Open(_directory.Path);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Append_RoundTrip_KeepsEveryFieldAndAssignsIncreasingSequences()
    {
        var line = LogLines.Line("hello", fields: """{"user":{"id":42}}""", time: LogLines.T0.AddTicks(15));
        var invocation = LogLines.Invocation("req-1", LogLines.T0.AddSeconds(1), init: TimeSpan.FromMilliseconds(150.12));

        var stored = await _store.AppendAsync(line, invocation);
        var read = await _store.QueryAsync(new LogQuery(), TestContext.Current.CancellationToken);

        stored[1].Sequence.Should().BeGreaterThan(stored[0].Sequence).And.BeGreaterThan(0);
        stored[0].Time.Should().Be(LogLines.T0.AddTicks(10), "times are kept to the microsecond");
        read.Records.Should().BeEquivalentTo(stored.Reverse(), options => options.WithStrictOrdering());
        read.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task Query_Words_MatchMessagesAndFieldsCaseInsensitively()
    {
        await _store.AppendAsync(
            LogLines.Line("Payment FAILED for order 17"),
            LogLines.Line("payment ok", fields: """{"result":"failed"}"""),
            LogLines.Line("nothing here"));

        (await _store.MessagesAsync("failed")).Should().Equal("payment ok", "Payment FAILED for order 17");
        (await _store.MessagesAsync("failed order")).Should().Equal("Payment FAILED for order 17");
    }

    [Fact]
    public async Task Query_Phrase_MatchesOnlyAdjacentWordsInOrder()
    {
        await _store.AppendAsync(LogLines.Line("connection refused by db"), LogLines.Line("refused connection"), LogLines.Line("connection was refused"));

        (await _store.MessagesAsync("\"connection refused\"")).Should().Equal("connection refused by db");
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("NOT")]
    [InlineData("a*")]
    [InlineData("\"x\" OR y")]
    [InlineData("'; DROP TABLE lines; --")]
    [InlineData("NEAR(a b)")]
    [InlineData("message:secret")]
    [InlineData("^start")]
    [InlineData("(((")]
    [InlineData("\\\"")]
    [InlineData("--")]
    [InlineData("***")]
    public async Task Query_HostileText_IsMatchedLiterallyAndNeverBreaksTheQuery(string hostile)
    {
        await _store.AppendAsync(LogLines.Line($"before {hostile} after"), LogLines.Line("unrelated line AND NOT a b start message"));
        var filter = "\"" + hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        var messages = await _store.MessagesAsync(filter);

        messages.Should().Contain($"before {hostile} after");
        (await _store.QueryAsync(new LogQuery(), TestContext.Current.CancellationToken)).Records.Should().HaveCount(2, "the table is still there");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("a\" OR \"b")]
    [InlineData("x' OR '1'='1")]
    [InlineData("user.id='1' OR 1=1")]
    [InlineData("key=\"\" OR")]
    public async Task Query_UnbalancedOrInjectedFilters_FailToParseOrMatchNothing(string text)
    {
        await _store.AppendAsync(LogLines.Line("a line"));

        if (LogFilter.TryParse(text, out var filter, out _))
        {
            var page = await _store.QueryAsync(new LogQuery { Filter = filter }, TestContext.Current.CancellationToken);
            page.Records.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Query_RandomHostileFilters_EitherFailToParseOrRun()
    {
        string[] pieces = ["\"", "'", "*", "(", ")", ":", "^", "=", "!=", ">=", "<", ".", "\\", "-", "+", "{", "}", " ", " ", "AND", "OR", "NOT",
            "NEAR", "level", "user.id", "requestId", "42", "x", "é", ";", "--", "/*", "%", "_", "$", "@", "\t"];
        var random = new Random(1234);
        await _store.AppendAsync(LogLines.Line("a line", fields: """{"user":{"id":42}}"""));
        var parsed = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            if (!LogFilter.TryParse(text, out var filter, out var error))
            {
                error!.Position.Should().BeInRange(1, text.Length + 1, text);
                continue;
            }

            parsed++;
            var query = () => _store.QueryAsync(new LogQuery { Filter = filter }, TestContext.Current.CancellationToken);
            await query.Should().NotThrowAsync(text);
        }

        parsed.Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task Query_PunctuationOnlyTerm_MatchesBySubstring()
    {
        await _store.AppendAsync(LogLines.Line("x => y"), LogLines.Line("x = y"));

        (await _store.MessagesAsync("=>")).Should().Equal("x => y");
    }

    [Fact]
    public async Task Query_FieldFilters_WalkNestedObjectsAndCompareNumbersNumerically()
    {
        await _store.AppendAsync(
            LogLines.Line("a", fields: """{"user":{"id":42,"name":"ann"},"status":200,"ms":9.5,"ok":true}"""),
            LogLines.Line("b", fields: """{"user":{"id":7,"name":"bob"},"status":503,"ms":10,"ok":false}"""),
            LogLines.Line("c", fields: """{"user":{"id":"42"},"status":"1000"}"""),
            LogLines.Line("d user id 42"));

        (await _store.MessagesAsync("user.id=42")).Should().Equal("c", "a");
        (await _store.MessagesAsync("user.name=bob")).Should().Equal("b");
        // "1000" is a string: it is not compared as a number.
        (await _store.MessagesAsync("status>=500")).Should().Equal("b");
        (await _store.MessagesAsync("status<300")).Should().Equal("a");
        // 10 > 9.75 numerically although "10" < "9.75" as text.
        (await _store.MessagesAsync("ms>9.75")).Should().Equal("b");
        (await _store.MessagesAsync("ms<=9.5")).Should().Equal("a");
        (await _store.MessagesAsync("user.id!=42")).Should().Equal("b");
        (await _store.MessagesAsync("ok=true")).Should().Equal("a");
        (await _store.MessagesAsync("user.name>b")).Should().Equal("b");
        (await _store.MessagesAsync("missing=1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Query_NumberEquality_MatchesEveryWayOfWritingTheNumber()
    {
        await _store.AppendAsync(
            LogLines.Line("int", fields: """{"n":42,"x":1.5}"""),
            LogLines.Line("real", fields: """{"n":42.0,"x":1.50}"""),
            LogLines.Line("text", fields: """{"n":"42"}"""),
            LogLines.Line("other", fields: """{"n":420,"x":15}"""),
            LogLines.Line("negative", fields: """{"n":-42,"x":-1.5}"""));

        (await _store.MessagesAsync("n=42")).Should().Equal("text", "real", "int");
        (await _store.MessagesAsync("x=1.50")).Should().Equal("real", "int");
        (await _store.MessagesAsync("n=-42 x=-1.5")).Should().Equal("negative");
    }

    [Fact]
    public async Task Query_FieldValueWithSeveralWords_MatchesTheWholeString()
    {
        await _store.AppendAsync(
            LogLines.Line("a", fields: """{"err":"connection refused"}"""),
            LogLines.Line("b", fields: """{"err":"connection refused by peer"}"""));

        (await _store.MessagesAsync("err=\"connection refused\"")).Should().Equal("a");
    }

    [Fact]
    public async Task Query_Levels_FromTheFilterAndTheQuery()
    {
        await _store.AppendAsync(
            LogLines.Line("debug", level: LogLevel.Debug),
            LogLines.Line("warn", level: LogLevel.Warn),
            LogLines.Line("error", level: LogLevel.Error));

        (await _store.MessagesAsync("level>=WARN")).Should().Equal("error", "warn");
        (await _store.MessagesAsync("level=error")).Should().Equal("error");
        (await _store.MessagesAsync("level<warn")).Should().Equal("debug");
        (await _store.MessagesAsync("", new LogQuery { MinLevel = LogLevel.Error })).Should().Equal("error");
    }

    [Fact]
    public async Task Query_ColumnsAndTime_NarrowTheResult()
    {
        await _store.AppendAsync(
            LogLines.Line("a", function: "orders", version: "1", requestId: "r1", time: LogLines.T0),
            LogLines.Line("b", function: "orders", version: "2", requestId: "r2", time: LogLines.T0.AddMinutes(1)),
            LogLines.Line("c", function: "billing", version: "2", requestId: null, time: LogLines.T0.AddMinutes(2)),
            LogLines.Line("d", function: "orders", app: "other", time: LogLines.T0.AddMinutes(3)));

        (await _store.MessagesAsync("function=orders version=2")).Should().Equal("b");
        (await _store.MessagesAsync("requestId!=r1 function=orders")).Should().Equal("d", "b");
        // A line outside any request is not in r1.
        (await _store.MessagesAsync("requestId!=r1", new LogQuery { Function = "billing" })).Should().Equal("c");
        (await _store.MessagesAsync("", new LogQuery { App = "shop", Environment = "prod", Function = "orders", Version = "1" })).Should().Equal("a");
        (await _store.MessagesAsync("", new LogQuery { RequestId = "r2" })).Should().Equal("b");
        (await _store.MessagesAsync("", new LogQuery { Start = LogLines.T0.AddMinutes(1), End = LogLines.T0.AddMinutes(3) })).Should().Equal("c", "b");
    }

    [Fact]
    public async Task Query_InvocationRecords_AreNotFoundByTextButByTheirColumns()
    {
        await _store.AppendAsync(LogLines.Line("REPORT from the handler", requestId: "r9"), LogLines.Invocation("r9", LogLines.T0));

        (await _store.MessagesAsync("REPORT")).Should().Equal("REPORT from the handler");
        var page = await _store.QueryAsync(new LogQuery { RequestId = "r9" }, TestContext.Current.CancellationToken);
        page.Records.Should().HaveCount(2).And.Contain(record => record.Invocation != null);
    }

    [Fact]
    public async Task ReadRequest_ReturnsEveryLineOfThatRequestInOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.AppendAsync(LogLines.Line($"mine {i}", requestId: "wanted"), LogLines.Line($"other {i}", requestId: $"other-{i}"));
        }

        await _store.AppendAsync(LogLines.Invocation("wanted", LogLines.T0));

        var records = await _store.ReadRequestAsync("wanted", TestContext.Current.CancellationToken);

        records.Select(record => record.Message).Should().Equal("mine 0", "mine 1", "mine 2", "mine 3", "mine 4", "REPORT");
    }

    [Fact]
    public async Task ReadRequest_IdsThatDifferOnlyInPunctuation_AreKeptApart()
    {
        await _store.AppendAsync(
            LogLines.Line("dashes", requestId: "a-b-c"), LogLines.Line("colons", requestId: "a:b:c"), LogLines.Line("none", requestId: "---"));

        (await _store.ReadRequestAsync("a:b:c", TestContext.Current.CancellationToken)).Select(record => record.Message).Should().Equal("colons");
        (await _store.ReadRequestAsync("---", TestContext.Current.CancellationToken)).Select(record => record.Message).Should().Equal("none");
        (await _store.MessagesAsync("requestId=a-b-c")).Should().Equal("dashes");
    }

    [Fact]
    public async Task Append_FieldsThatAreNotAnObject_AreDroppedAndCounted()
    {
        var stored = await _store.AppendAsync(LogLines.Line("bad", fields: "{not json"), LogLines.Line("array", fields: "[1,2]"));

        stored.Should().OnlyContain(record => record.Fields == null);
        _store.InvalidFieldsDropped.Should().Be(2);
        (await _store.MessagesAsync("k=v")).Should().BeEmpty("a malformed row must not break field filters");
    }

    [Fact]
    public async Task Stats_CountRowsAndTimeSpan()
    {
        await _store.AppendAsync(LogLines.Line("a", time: LogLines.T0), LogLines.Line("b", time: LogLines.T0.AddHours(1)));

        var stats = await _store.GetStatsAsync(TestContext.Current.CancellationToken);

        stats.Rows.Should().Be(2);
        stats.Oldest.Should().Be(LogLines.T0);
        stats.Newest.Should().Be(LogLines.T0.AddHours(1));
        stats.BytesInUse.Should().BeGreaterThan(0);
        stats.FileBytes.Should().BeGreaterThanOrEqualTo(stats.BytesInUse);
    }

    [Fact]
    public async Task Open_Existing_KeepsRecordsAndTheSchema()
    {
        await _store.AppendAsync(LogLines.Line("kept"));
        _store.Dispose();

        using var reopened = LogStore.Open(_directory.Path);

        (await reopened.MessagesAsync("kept")).Should().Equal("kept");
    }
}
