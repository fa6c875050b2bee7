using Fathom.Deployments.Environments;
using Fathom.Deployments.Versions;
using Fathom.Server.Metrics;

namespace Fathom.Server.Tests.Metrics;

public sealed class DeploymentLiveVersionsTests : IDisposable
{
    private readonly TempDirectory _data = new("fathom-live-versions");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task IsLive_CanaryAlias_PrimaryAndAdditionalVersionLiveOthersNot()
    {
        using var store = await DeploymentStore.OpenAsync(_data.Path, "shop", "prod", cancellationToken: TestContext.Current.CancellationToken);
        for (var n = 1; n <= 3; n++)
        {
            await store.PublishAsync("orders", $"artifact{n}", $"config{n}", "{}", cancellationToken: TestContext.Current.CancellationToken);
        }

        await store.SetAliasAsync("orders", "live", 2, new AliasRouting(3, 0.1), cancellationToken: TestContext.Current.CancellationToken);
        var live = new DeploymentLiveVersions([new SingleDeploymentDirectory(store)]);

        (live.IsLive("shop", "prod", "orders", "1"), live.IsLive("shop", "prod", "orders", "2"), live.IsLive("shop", "prod", "orders", "3"))
            .Should().Be((false, true, true), "the canary's additional version serves traffic too");
        live.IsLive("shop", "staging", "orders", "2").Should().BeFalse("another environment has its own aliases");
        live.IsLive("shop", "prod", "payments", "2").Should().BeFalse();
        live.IsLive("shop", "prod", "orders", "$LATEST").Should().BeFalse();
    }

    [Fact]
    public async Task IsLive_AliasMovedOn_PreviousVersionNoLongerLive()
    {
        using var store = await DeploymentStore.OpenAsync(_data.Path, "shop", "prod", cancellationToken: TestContext.Current.CancellationToken);
        await store.PublishAsync("orders", "a1", "c1", "{}", cancellationToken: TestContext.Current.CancellationToken);
        await store.SetAliasAsync("orders", "live", 1, cancellationToken: TestContext.Current.CancellationToken);
        var live = new DeploymentLiveVersions([new SingleDeploymentDirectory(store)]);
        live.IsLive("shop", "prod", "orders", "1").Should().BeTrue();

        await store.PublishAsync("orders", "a2", "c2", "{}", cancellationToken: TestContext.Current.CancellationToken);
        await store.SetAliasAsync("orders", "live", 2, cancellationToken: TestContext.Current.CancellationToken);

        (live.IsLive("shop", "prod", "orders", "1"), live.IsLive("shop", "prod", "orders", "2")).Should().Be((false, true));
    }

    [Fact]
    public void IsLive_HostWithoutDeployments_NothingLive() =>
        new DeploymentLiveVersions([]).IsLive("shop", "prod", "orders", "1").Should().BeFalse();
}
