using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Server.Environments;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Server.Tests.Environments;

public sealed class WarmVersionsTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _unloaded = [];
    private readonly List<string> _rewarmed = [];
    private DeploymentStore _store = null!;
    private WarmVersions _warm = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await DeploymentStore.OpenAsync(_temp.Path, "shop", "prod",
            new DeploymentStoreOptions { TimeProvider = _time, CrashPoints = CrashPoints.None }, Ct);
        _warm = new WarmVersions(_store, Unload, TimeSpan.FromMinutes(15), _time, Rewarm);
    }

    public ValueTask DisposeAsync()
    {
        _warm.Dispose();
        _store.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task Unload(string function, string version)
    {
        lock (_unloaded)
        {
            _unloaded.Add($"{function}:{version}");
        }

        return Task.CompletedTask;
    }

    private Task Rewarm(string function, string version)
    {
        lock (_rewarmed)
        {
            _rewarmed.Add($"{function}:{version}");
        }

        return Task.CompletedTask;
    }

    private Task ReleaseAsync(string artifact) =>
        _store.ReleaseAsync(new ReleaseRequest([new FunctionRelease("Orders", artifact, "c", "{}", "live")], "ana", ReleaseReasons.Deploy), Ct);

    [Fact]
    public async Task AliasMovedAway_TheOldVersionStaysLoadedForThePeriodThenUnloads()
    {
        await ReleaseAsync("a1");
        await ReleaseAsync("a2");

        _time.Advance(TimeSpan.FromMinutes(14));
        _unloaded.Should().BeEmpty("a rollback inside the warm period must not wait for a cold start");
        _rewarmed.Should().HaveCountGreaterThanOrEqualTo(20, "an environment scaled to zero while idle is started again every 30 s")
            .And.OnlyContain(r => r == "Orders:1");

        _time.Advance(TimeSpan.FromMinutes(1));
        _unloaded.Should().Equal("Orders:1");
    }

    [Fact]
    public async Task RollbackInsideThePeriod_KeepsTheRestoredVersionAndRetiresTheOtherOne()
    {
        await ReleaseAsync("a1");
        await ReleaseAsync("a2");
        _time.Advance(TimeSpan.FromMinutes(10));

        await _store.RollbackAsync(null, "ana", Ct);
        _time.Advance(TimeSpan.FromMinutes(10));

        _unloaded.Should().BeEmpty("version 1 is live again and version 2 only left 10 minutes ago");
        _time.Advance(TimeSpan.FromMinutes(5));
        _unloaded.Should().Equal("Orders:2");
    }

    [Fact]
    public void Period_BelowTheMinimum_IsRaisedSoInFlightResolutionsStillFindTheVersion()
    {
        using var warm = new WarmVersions(_store, Unload, TimeSpan.Zero, _time);

        warm.Period.Should().Be(WarmVersions.MinimumPeriod);
    }
}
