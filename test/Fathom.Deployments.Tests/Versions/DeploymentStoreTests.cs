using Fathom.Deployments.Versions;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Deployments.Tests.Versions;

public sealed class DeploymentStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly List<DeploymentStore> _stores = [];
    private DeploymentStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await OpenAsync();

    public ValueTask DisposeAsync()
    {
        _stores.ForEach(s => s.Dispose());
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<DeploymentStore> OpenAsync(string environment = "local", Func<double>? random = null)
    {
        var options = new DeploymentStoreOptions { TimeProvider = _time, NextDouble = random ?? Random.Shared.NextDouble };
        var store = await DeploymentStore.OpenAsync(_temp.Path, "hello-app", environment, options, Ct);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task OpenAsync_NewDataDirectory_CreatesDeploymentsDbInWalMode()
    {
        File.Exists(Path.Combine(_temp.Path, "deployments.db")).Should().BeTrue();
        _store.DatabasePath.Should().Be(Path.Combine(_temp.Path, "deployments.db"));

        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        File.Exists(Path.Combine(_temp.Path, "deployments.db-wal")).Should().BeTrue();
    }

    [Fact]
    public async Task PublishAsync_FirstPublish_CreatesVersion1WithItsConfig()
    {
        var result = await _store.PublishAsync("Hello", "artifact1", "config1", """{"MemorySize":128}""", "first", Ct);

        result.Created.Should().BeTrue();
        result.Version.Should().Be(new FunctionVersion("Hello", 1, "artifact1", "config1", """{"MemorySize":128}""", _time.GetUtcNow(), "first"));
        _store.State.Resolve("Hello", "1").Should().Be(result.Version);
    }

    [Fact]
    public async Task PublishAsync_UnchangedHashes_ReturnsTheLatestVersionWithoutANewOne()
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        var again = await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        again.Created.Should().BeFalse();
        again.Version.Number.Should().Be(1);
        (await _store.ListVersionsAsync("Hello", Ct)).Should().ContainSingle();
        (await _store.HistoryAsync("Hello", cancellationToken: Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task PublishAsync_ChangedArtifactOrConfig_CreatesNPlus1()
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        var code = await _store.PublishAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);
        var config = await _store.PublishAsync("Hello", "a2", "c2", """{"Timeout":5}""", cancellationToken: Ct);
        var reverted = await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        code.Version.Number.Should().Be(2);
        config.Version.Number.Should().Be(3);
        reverted.Version.Number.Should().Be(4, "like Lambda, only the latest version is compared");
        (await _store.ListVersionsAsync("Hello", Ct)).Select(v => v.Number).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task PublishAsync_FunctionsAreNumberedIndependently()
    {
        await _store.PublishAsync("A", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.PublishAsync("A", "a2", "c1", "{}", cancellationToken: Ct);

        var b = await _store.PublishAsync("B", "a1", "c1", "{}", cancellationToken: Ct);

        b.Version.Number.Should().Be(1);
    }

    [Fact]
    public async Task SetAliasAsync_MoveAndRollback_AreRecordedInHistoryWithReasons()
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.PublishAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);
        await _store.SetAliasAsync("Hello", "live", 1, reason: ReleaseReasons.Deploy, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _store.SetAliasAsync("Hello", "live", 2, reason: ReleaseReasons.Reload, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromMinutes(1));

        var alias = await _store.SetAliasAsync("Hello", "live", 1, reason: ReleaseReasons.Rollback, cancellationToken: Ct);

        alias.Version.Should().Be(1);
        _store.State.Resolve("Hello", "live")!.Number.Should().Be(1);
        var history = await _store.HistoryAsync("Hello", cancellationToken: Ct);
        history.Select(h => (h.Alias, h.FromVersion, h.ToVersion, h.Reason)).Should().Equal(
            ("live", 2, 1, "rollback"),
            ("live", 1, 2, "reload"),
            ("live", (int?)null, 1, "deploy"),
            (null, 1, 2, "publish"),
            ((string?)null, (int?)null, 1, "publish"));
        history[0].At.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task SetAliasAsync_SameTargetAgain_RecordsNothing()
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.SetAliasAsync("Hello", "live", 1, cancellationToken: Ct);

        await _store.SetAliasAsync("Hello", "live", 1, cancellationToken: Ct);

        (await _store.HistoryAsync("Hello", cancellationToken: Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task SetAliasAsync_VersionThatDoesNotExist_FailsAndChangesNothing()
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.SetAliasAsync("Hello", "live", 1, cancellationToken: Ct);

        var act = () => _store.SetAliasAsync("Hello", "live", 7, cancellationToken: Ct);

        (await act.Should().ThrowAsync<DeploymentException>()).Which.Message.Should().Contain("no version 7");
        _store.State.Resolve("Hello", "live")!.Number.Should().Be(1);
    }

    [Fact]
    public async Task SetAliasAsync_UnknownFunction_Fails()
    {
        var act = () => _store.SetAliasAsync("Nope", "live", 1, cancellationToken: Ct);

        (await act.Should().ThrowAsync<DeploymentException>()).Which.Message.Should().Contain("'Nope'");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("$LATEST")]
    [InlineData("has space")]
    public async Task SetAliasAsync_InvalidAliasName_Fails(string alias)
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        var act = () => _store.SetAliasAsync("Hello", alias, 1, cancellationToken: Ct);

        await act.Should().ThrowAsync<DeploymentException>();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public async Task SetAliasAsync_WeightOutsideZeroToOne_Fails(double weight)
    {
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.PublishAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);

        var act = () => _store.SetAliasAsync("Hello", "live", 1, new AliasRouting(2, weight), cancellationToken: Ct);

        await act.Should().ThrowAsync<DeploymentException>();
    }

    [Fact]
    public async Task DeployAsync_EachChange_PublishesAndMovesTheAlias()
    {
        var first = await _store.DeployAsync("Hello", "a1", "c1", "{}", "live", ReleaseReasons.Reload, cancellationToken: Ct);
        var unchanged = await _store.DeployAsync("Hello", "a1", "c1", "{}", "live", ReleaseReasons.Reload, cancellationToken: Ct);
        var changed = await _store.DeployAsync("Hello", "a2", "c1", "{}", "live", ReleaseReasons.Reload, cancellationToken: Ct);

        first.Should().Be(new DeployResult(first.Version, true, "live", null, true));
        unchanged.Created.Should().BeFalse();
        unchanged.AliasMoved.Should().BeFalse();
        changed.Version.Number.Should().Be(2);
        changed.PreviousVersion.Should().Be(1);
        _store.State.Resolve("Hello")!.ArtifactHash.Should().Be("a2");
    }

    [Fact]
    public async Task DeployAsync_AutoPublishAlias_BecomesTheDefaultForUnqualifiedCalls()
    {
        await _store.DeployAsync("Hello", "a1", "c1", "{}", "prod", cancellationToken: Ct);
        await _store.PublishAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);

        var resolved = _store.State.Resolve("Hello");

        resolved!.Number.Should().Be(1, "the default alias 'prod' still points at version 1");
        _store.State.Functions["Hello"].DefaultAlias.Should().Be("prod");
        _store.State.Resolve("Hello", "live").Should().BeNull();
    }

    [Fact]
    public async Task OpenAsync_Reopened_HasTheSameVersionsAliasesAndHistory()
    {
        await _store.DeployAsync("Hello", "a1", "c1", """{"Handler":"index.handler"}""", "prod", cancellationToken: Ct);
        await _store.DeployAsync("Hello", "a2", "c1", """{"Handler":"index.handler"}""", "prod", cancellationToken: Ct);
        await _store.SetAliasAsync("Hello", "prod", 1, new AliasRouting(2, 0.25), ReleaseReasons.Rollout, Ct);
        var before = _store.State;
        _store.Dispose();
        _stores.Remove(_store);

        var reopened = await OpenAsync();

        var deployment = reopened.State.Functions["Hello"];
        deployment.Versions.Should().Equal(before.Functions["Hello"].Versions);
        deployment.Aliases["prod"].Should().Be(before.Functions["Hello"].Aliases["prod"]);
        deployment.Aliases["prod"].Routing.Should().Be(new AliasRouting(2, 0.25));
        deployment.DefaultAlias.Should().Be("prod");
        (await reopened.HistoryAsync(cancellationToken: Ct)).Should().HaveCount(5);
    }

    [Fact]
    public async Task OpenAsync_OtherEnvironment_HasItsOwnVersions()
    {
        await _store.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.DeployAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);
        var staging = await OpenAsync("staging");

        var published = await staging.DeployAsync("Hello", "a9", "c1", "{}", cancellationToken: Ct);

        published.Version.Number.Should().Be(1);
        _store.State.Resolve("Hello")!.ArtifactHash.Should().Be("a2");
        (await staging.HistoryAsync(cancellationToken: Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentWriters_GetDistinctConsecutiveNumbers()
    {
        var second = await OpenAsync();

        var publishes = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? _store : second).PublishAsync("Hello", $"a{i}", "c1", "{}", cancellationToken: Ct));
        var results = await Task.WhenAll(publishes);

        results.Select(r => r.Version.Number).Order().Should().Equal(Enumerable.Range(1, 20));
    }

    [Fact]
    public async Task State_ReadersDuringWrites_AlwaysSeeAConsistentSnapshot()
    {
        await _store.DeployAsync("Hello", "a0", "c", "{}", cancellationToken: Ct);
        using var done = new CancellationTokenSource();
        var problems = 0;
        var reads = 0L;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var lastSeen = 0;
            while (!done.IsCancellationRequested)
            {
                var state = _store.State;
                var version = state.Resolve("Hello");
                var latest = state.Resolve("Hello", Qualifiers.Latest);
                if (version is null || latest is null || version.Number != latest.Number || version.Number < lastSeen
                    || version.ArtifactHash != $"a{version.Number - 1}")
                {
                    Interlocked.Increment(ref problems);
                }

                lastSeen = version?.Number ?? lastSeen;
                Interlocked.Increment(ref reads);
            }
        }, Ct)).ToList();

        for (var i = 1; i < 30; i++)
        {
            await _store.DeployAsync("Hello", $"a{i}", "c", "{}", cancellationToken: Ct);
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);

        problems.Should().Be(0);
        Interlocked.Read(ref reads).Should().BePositive();
        _store.State.Resolve("Hello")!.Number.Should().Be(30);
    }
}
