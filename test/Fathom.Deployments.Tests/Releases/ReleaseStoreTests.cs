using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Platform.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Deployments.Tests.Releases;

public sealed class ReleaseStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> _disposables = [];
    private PlatformEventStore _events = null!;
    private DeploymentStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _events = PlatformEventStore.Open(_temp.Path);
        _disposables.Add(_events);
        _store = await OpenAsync(_events);
    }

    public ValueTask DisposeAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<DeploymentStore> OpenAsync(PlatformEventStore? events)
    {
        var store = await DeploymentStore.OpenAsync(_temp.Path, "shop", "prod",
            new DeploymentStoreOptions { TimeProvider = _time, Events = events, CrashPoints = CrashPoints.None }, Ct);
        _disposables.Insert(0, store);
        return store;
    }

    private static FunctionRelease Fn(string name, string artifact, int memory = 128, string secret = "s1", string alias = "live") =>
        new(name, artifact, $"{memory}-{secret}", $$$"""{"runtime":"nodejs22.x","memorySizeMb":{{{memory}}},"environment":{"API_KEY":"{{{secret}}}"}}""", alias);

    private static ReleaseRequest Release(string actor, params FunctionRelease[] functions) => new(functions, actor, ReleaseReasons.Deploy);

    [Fact]
    public async Task ReleaseAsync_FirstRelease_IsNumberOneWithEveryFunctionNew()
    {
        var outcome = await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1"), Fn("Users", "b1")), Ct);

        outcome.Should().Be(outcome with { Number = 1, Changed = true });
        outcome.Functions.Select(f => (f.Function, f.Version, f.Created)).Should().Equal(("Orders", 1, true), ("Users", 1, true));
        var release = await _store.GetReleaseAsync(1, Ct);
        release!.Actor.Should().Be("ana");
        release.At.Should().Be(_time.GetUtcNow());
        release.Changed.Select(c => (c.Function, c.FromVersion, c.ToVersion, string.Join("|", c.Changes)))
            .Should().Equal(("Orders", null, 1, "new function"), ("Users", null, 1, "new function"));
        _store.State.Resolve("Orders")!.ArtifactHash.Should().Be("a1");
    }

    [Fact]
    public async Task ReleaseAsync_OneFunctionChanged_OnlyItGetsANewVersionAndItsDiffHidesSecrets()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1"), Fn("Users", "b1")), Ct);

        var outcome = await _store.ReleaseAsync(Release("ben", Fn("Orders", "a2", memory: 256, secret: "s2"), Fn("Users", "b1")), Ct);

        outcome.Number.Should().Be(2);
        outcome.Functions.Select(f => (f.Function, f.Version, f.PreviousVersion)).Should().Equal(("Orders", 2, 1), ("Users", 1, 1));
        var release = await _store.GetReleaseAsync(2, Ct);
        var orders = release!.Changed.Should().ContainSingle().Subject;
        orders.Function.Should().Be("Orders");
        orders.Changes.Should().Equal("code changed (a1 → a2)", "environment.API_KEY changed", "memorySizeMb 128 → 256");
        string.Join("\n", orders.Changes).Should().NotContain("s2", "an environment variable's value may be a secret");
        release.Functions.Should().HaveCount(2, "the release keeps every function's version, so a rollback to it restores all of them");
    }

    [Fact]
    public async Task ReleaseAsync_NothingChanged_RecordsNoReleaseButAnUnchangedAuditRow()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);

        var outcome = await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);

        outcome.Changed.Should().BeFalse();
        outcome.Number.Should().Be(1);
        (await _store.ListReleasesAsync(cancellationToken: Ct)).Should().ContainSingle();
        (await _store.ListAuditAsync(cancellationToken: Ct))[0].Result.Should().Be(AuditActions.Unchanged);
    }

    [Fact]
    public async Task ReleaseAsync_FunctionLeftOut_LosesItsAliasAndRollbackBringsItBack()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1"), Fn("Users", "b1")), Ct);

        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);

        _store.State.Functions["Users"].Aliases.Should().BeEmpty();
        (await _store.GetReleaseAsync(2, Ct))!.Changed.Single().Should().BeEquivalentTo(new ReleaseChange("Users", "live", 1, null, false, ["removed"]));

        await _store.RollbackAsync(null, "ana", Ct);

        _store.State.Functions["Users"].Aliases["live"].Version.Should().Be(1);
    }

    [Fact]
    public async Task RollbackAsync_Default_FlipsEveryAliasToThePreviousReleaseAsANewRelease()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1"), Fn("Users", "b1")), Ct);
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a2"), Fn("Users", "b2")), Ct);
        _time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await _store.RollbackAsync(null, "carl", Ct);

        outcome.Number.Should().Be(3);
        outcome.Functions.Select(f => (f.Function, f.PreviousVersion, f.Version)).Should().Equal(("Orders", 2, 1), ("Users", 2, 1));
        _store.State.Resolve("Orders")!.ArtifactHash.Should().Be("a1");
        _store.State.Resolve("Users")!.ArtifactHash.Should().Be("b1");
        var release = await _store.GetReleaseAsync(3, Ct);
        release.Should().BeEquivalentTo(new { Reason = ReleaseReasons.Rollback, RollbackOf = 1, Actor = "carl", At = _time.GetUtcNow() });
        release!.Changed.First().Changes.Should().Equal("code changed (a2 → a1)");
    }

    [Fact]
    public async Task RollbackAsync_ToAnOlderRelease_RestoresThatReleasesVersions()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a2")), Ct);
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a3")), Ct);

        await _store.RollbackAsync(1, "ana", Ct);

        _store.State.Resolve("Orders")!.Number.Should().Be(1);
        (await _store.LiveReleaseNumberAsync(Ct)).Should().Be(4);
    }

    [Fact]
    public async Task RollbackAsync_BadTargets_SayWhy()
    {
        var nothing = () => _store.RollbackAsync(null, "ana", Ct);
        (await nothing.Should().ThrowAsync<ReleaseConflictException>()).WithMessage("*no releases yet*");

        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);
        var onlyOne = () => _store.RollbackAsync(null, "ana", Ct);
        (await onlyOne.Should().ThrowAsync<ReleaseConflictException>()).WithMessage("*only one*");

        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a2")), Ct);
        var unknown = () => _store.RollbackAsync(7, "ana", Ct);
        (await unknown.Should().ThrowAsync<ReleaseNotFoundException>()).WithMessage("*no release 7*");
        var live = () => _store.RollbackAsync(2, "ana", Ct);
        (await live.Should().ThrowAsync<ReleaseConflictException>()).WithMessage("*already live*");
        _store.State.Resolve("Orders")!.Number.Should().Be(2, "a refused rollback changes nothing");
    }

    [Fact]
    public async Task AuditRows_ReleaseRollbackAndAliasSet_AreRecordedNewestFirstAndCannotBeChanged()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a2")), Ct);
        await _store.RollbackAsync(null, "ben", Ct);
        await _store.SetAliasAsync("Orders", "live", 2, new AliasRouting(1, 0.1), ReleaseReasons.Manual, "carl", Ct);

        var audit = await _store.ListAuditAsync(cancellationToken: Ct);

        audit.Select(a => (a.Actor, a.Action, a.Result)).Should().Equal(
            ("carl", AuditActions.AliasUpdate, "succeeded"), ("ben", "rollback", "succeeded"), ("ana", "deploy", "succeeded"), ("ana", "deploy", "succeeded"));
        audit[0].Detail.Should().Be("version 1 → 2 (+ version 1 at 10%)");
        audit[1].Detail.Should().Be("to release 1: Orders 2 → 1");
        (await _store.ListAuditAsync(before: audit[1].Id, limit: 1, cancellationToken: Ct)).Single().Id.Should().Be(audit[2].Id);

        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = "DELETE FROM audit";
        var act = () => tamper.ExecuteNonQueryAsync(Ct);
        (await act.Should().ThrowAsync<SqliteException>()).WithMessage("*append-only*");
    }

    [Fact]
    public async Task Events_ReleaseAndRollback_AreReleaseAndAliasMovedPlatformEvents()
    {
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a1"), Fn("Users", "b1")), Ct);
        await _store.ReleaseAsync(Release("ana", Fn("Orders", "a2"), Fn("Users", "b1")), Ct);
        await _store.RollbackAsync(null, "ben", Ct);

        var events = await _events.ReadAfterAsync(0, cancellationToken: Ct);

        events.Select(e => (e.Kind, e.Function, e.Version)).Should().Equal(
            ("release", null, null), ("alias.moved", "Orders", "1"), ("alias.moved", "Users", "1"),
            ("release", null, null), ("alias.moved", "Orders", "2"),
            ("release", null, null), ("alias.moved", "Orders", "1"));
        events.Should().OnlyContain(e => e.App == "shop" && e.Environment == "prod");
        events[^2].Payload.Should().Contain("\"rollbackOf\":1").And.Contain("\"actor\":\"ben\"");
    }

    [Fact]
    public async Task Events_PlatformStoreMissingAtCommit_GoOutFromTheOutboxAtTheNextOpen()
    {
        var withoutEvents = await OpenAsync(events: null);
        await withoutEvents.ReleaseAsync(Release("ana", Fn("Orders", "a1")), Ct);
        (await _events.ReadAfterAsync(0, cancellationToken: Ct)).Should().BeEmpty();

        await OpenAsync(_events);

        (await _events.ReadAfterAsync(0, cancellationToken: Ct)).Select(e => e.Kind).Should().Equal("release", "alias.moved");
        await OpenAsync(_events);
        (await _events.ReadAfterAsync(0, cancellationToken: Ct)).Should().HaveCount(2, "a drained outbox sends nothing twice");
    }

    [Fact]
    public async Task OpenAsync_SchemaOneDatabase_MigratesWithWhatIsLiveAsReleaseOne()
    {
        await _store.DeployAsync("Orders", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.DeployAsync("Orders", "a2", "c1", "{}", cancellationToken: Ct);
        await using (var connection = new SqliteConnection($"Data Source={_store.DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE release_functions; DROP TABLE release_history; DROP TABLE audit; DROP TABLE event_outbox; PRAGMA user_version = 1;";
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        var migrated = await OpenAsync(_events);

        var release = (await migrated.ListReleasesAsync(cancellationToken: Ct)).Should().ContainSingle().Subject;
        release.Should().BeEquivalentTo(new { Number = 1, Reason = "migrated" });
        release.Functions.Single().Should().BeEquivalentTo(new { Function = "Orders", ToVersion = 2 });
        await migrated.ReleaseAsync(Release("ana", Fn("Orders", "a3")), Ct);
        await migrated.RollbackAsync(null, "ana", Ct);
        migrated.State.Resolve("Orders")!.ArtifactHash.Should().Be("a2");
    }
}
