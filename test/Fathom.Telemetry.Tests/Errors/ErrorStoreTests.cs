using Fathom.Telemetry.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class ErrorStoreTests : IDisposable
{
    private static readonly string[] Stack = ["    at loadOrder (/var/task/src/app.js:3:9)", "    at async handler (/var/task/src/app.js:10:5)"];
    private readonly TempDirectory _directory = new("fathom-errors");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly ErrorStore _store;

    public ErrorStoreTests() => _store = ErrorStore.Open(_directory.Path, _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Open_DatabaseOfANewerFathom_RefusedWithAMessage()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory.Path, "errors.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var open = () => ErrorStore.Open(_directory.Path, _time).Dispose();

        open.Should().Throw<InvalidOperationException>().WithMessage("*errors database was written by a newer Fathom*");
    }

    [Fact]
    public async Task Add_SameBugAcrossVersions_OneIssueWithCountsVersionsTitleAndCulprit()
    {
        var (_, first) = await _store.AddAsync(ErrorEvents.Of("TypeError", "order 1 missing\nmore", version: "1", stack: Stack), Ct);
        var (_, second) = await _store.AddAsync(ErrorEvents.Of("TypeError", "order 2 missing", version: "2", function: "Refunds", stack: Stack), Ct);

        first!.Kind.Should().Be("issue.new");
        second.Should().BeNull("one more event of a known issue changes nothing worth telling");
        var issue = (await _store.ListAsync(new IssueQuery(), Ct)).Issues.Should().ContainSingle().Subject;
        issue.Count.Should().Be(2);
        issue.Title.Should().Be("TypeError: order 1 missing");
        issue.Culprit.Should().Be("loadOrder (src/app.js)");
        issue.FirstVersion.Should().Be("1");
        issue.LastVersion.Should().Be("2");
        issue.Functions.Should().Equal("Orders", "Refunds");
        issue.Versions.Should().Equal("Orders:1", "Refunds:2");
        (await _store.HoursAsync(issue.Id, Ct)).Should().ContainSingle().Which.Count.Should().Be(2);
    }

    [Fact]
    public async Task Add_PlatformTimeout_TitleWithoutTheRequestId()
    {
        var (stored, _) = await _store.AddAsync(ErrorEvents.Of("Sandbox.Timedout", "RequestId: 5f0c1d2e-aaaa-bbbb-cccc-111122223333 Error: Task timed out after 1.00 seconds"), Ct);

        (await _store.GetAsync(stored.IssueId, Ct))!.Title.Should().Be("Sandbox.Timedout: Task timed out after 1.00 seconds");
    }

    [Fact]
    public async Task Add_ManyEvents_KeepsTheFirstAndTheLatestSamples()
    {
        for (var i = 0; i < 30; i++)
        {
            await _store.AddAsync(ErrorEvents.Of("TypeError", $"order {i}", requestId: $"req-{i}", stack: Stack), Ct);
        }

        var issue = (await _store.ListAsync(new IssueQuery(), Ct)).Issues.Single();
        var samples = await _store.SamplesAsync(issue.Id, Ct);

        samples.Should().HaveCount(ErrorStore.LatestSamples + 1);
        samples[0].Event.RequestId.Should().Be("req-29");
        samples[^1].Event.RequestId.Should().Be("req-0");
        samples[^1].Event.Frames.Should().HaveCount(2, "a sample keeps its full stack");
    }

    [Fact]
    public async Task Add_ResolvedIssueSeenInANewerVersion_IsARegression_NotInTheSameVersion()
    {
        var (stored, _) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", version: "2", stack: Stack), Ct);
        (await _store.SetStateAsync(stored.IssueId, new IssueStateRequest(IssueStates.Resolved), Ct))!.Kind.Should().Be("issue.state");

        var (_, sameVersion) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", version: "2", stack: Stack), Ct);
        var (_, newer) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", version: "10", stack: Stack), Ct);

        sameVersion.Should().BeNull("instances of the version that was current when it was resolved may still fail");
        newer!.Kind.Should().Be("issue.regression");
        newer.Version.Should().Be("10");
        var issue = (await _store.GetAsync(stored.IssueId, Ct))!;
        issue.State.Should().Be(IssueStates.Unresolved);
        issue.Regressed.Should().BeTrue();
    }

    [Fact]
    public async Task Add_IgnoredUntilNMoreEvents_UnresolvedWhenTheyHappen()
    {
        var (stored, _) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", stack: Stack), Ct);
        await _store.SetStateAsync(stored.IssueId, new IssueStateRequest(IssueStates.Ignored, IgnoredForEvents: 2), Ct);

        var (_, one) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", stack: Stack), Ct);
        var (_, two) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", stack: Stack), Ct);

        one.Should().BeNull();
        two!.State.Should().Be(IssueStates.Unresolved);
        (await _store.GetAsync(stored.IssueId, Ct))!.State.Should().Be(IssueStates.Unresolved);
    }

    [Fact]
    public async Task Get_IgnoreUntilATimeThatPassed_IsUnresolvedAgain()
    {
        var (stored, _) = await _store.AddAsync(ErrorEvents.Of("TypeError", "x", stack: Stack), Ct);
        await _store.SetStateAsync(stored.IssueId, new IssueStateRequest(IssueStates.Ignored, IgnoredUntil: _time.GetUtcNow().AddHours(1)), Ct);
        (await _store.GetAsync(stored.IssueId, Ct))!.State.Should().Be(IssueStates.Ignored);

        _time.Advance(TimeSpan.FromHours(2));

        (await _store.GetAsync(stored.IssueId, Ct))!.State.Should().Be(IssueStates.Unresolved);
    }

    [Fact]
    public async Task List_FiltersByFunctionAndState_PagesWithTheCursor()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.AddAsync(ErrorEvents.Of($"Error{i}", "x", function: i % 2 == 0 ? "Orders" : "Refunds", time: _time.GetUtcNow().AddMinutes(i)), Ct);
        }

        var first = await _store.ListAsync(new IssueQuery { Limit = 2 }, Ct);
        var second = await _store.ListAsync(new IssueQuery { Limit = 2, Cursor = first.Next }, Ct);
        var third = await _store.ListAsync(new IssueQuery { Limit = 2, Cursor = second.Next }, Ct);

        first.Issues.Concat(second.Issues).Concat(third.Issues).Select(i => i.Type).Should().Equal("Error4", "Error3", "Error2", "Error1", "Error0");
        third.Next.Should().BeNull();
        (await _store.ListAsync(new IssueQuery { Function = "Refunds" }, Ct)).Issues.Should().HaveCount(2);
        (await _store.ListAsync(new IssueQuery { State = IssueStates.Resolved }, Ct)).Issues.Should().BeEmpty();
    }

    [Fact]
    public async Task Open_Again_KeepsIssues()
    {
        await _store.AddAsync(ErrorEvents.Of("TypeError", "x", stack: Stack), Ct);
        _store.Dispose();

        using var reopened = ErrorStore.Open(_directory.Path, _time);

        (await reopened.ListAsync(new IssueQuery(), Ct)).Issues.Should().ContainSingle().Which.Count.Should().Be(1);
    }
}
