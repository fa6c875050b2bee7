using Fathom.Deployments.Versions;

namespace Fathom.Deployments.Tests.Versions;

public sealed class DeploymentStateTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private double _nextRandom;
    private DeploymentStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", new DeploymentStoreOptions { NextDouble = () => _nextRandom }, Ct);
        await _store.PublishAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await _store.PublishAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);
        await _store.PublishAsync("Hello", "a3", "c1", "{}", cancellationToken: Ct);
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("$LATEST", 3)]
    public void Resolve_VersionOrLatest_ReturnsThatVersion(string qualifier, int expected)
    {
        _store.State.Resolve("Hello", qualifier)!.Number.Should().Be(expected);
    }

    [Theory]
    [InlineData("Hello", "4")]
    [InlineData("Hello", "0")]
    [InlineData("Hello", "99999999999")]
    [InlineData("Hello", "missing-alias")]
    [InlineData("Nope", null)]
    [InlineData("Nope", "live")]
    public void Resolve_UnknownFunctionVersionOrAlias_ReturnsNull(string function, string? qualifier)
    {
        _store.State.Resolve(function, qualifier).Should().BeNull();
    }

    [Fact]
    public void Resolve_UnqualifiedWithoutAnyAlias_ReturnsTheNewestVersion()
    {
        _store.State.Resolve("Hello")!.Number.Should().Be(3);
    }

    [Fact]
    public async Task Resolve_Unqualified_GoesThroughTheDefaultAlias()
    {
        await _store.SetAliasAsync("Hello", "live", 2, cancellationToken: Ct);

        _store.State.Resolve("Hello")!.Number.Should().Be(2);
        _store.State.Resolve("Hello", "")!.Number.Should().Be(2);
    }

    [Theory]
    [InlineData(0.0, 3)]
    [InlineData(0.199, 3)]
    [InlineData(0.2, 2)]
    [InlineData(0.99, 2)]
    public async Task Resolve_WeightedAlias_SendsTheWeightedShareToTheAdditionalVersion(double random, int expected)
    {
        await _store.SetAliasAsync("Hello", "live", 2, new AliasRouting(3, 0.2), ReleaseReasons.Rollout, Ct);
        _nextRandom = random;

        _store.State.Resolve("Hello", "live")!.Number.Should().Be(expected);
    }

    [Fact]
    public async Task State_AfterAWrite_IsANewSnapshotAndTheOldOneIsUnchanged()
    {
        await _store.SetAliasAsync("Hello", "live", 1, cancellationToken: Ct);
        var before = _store.State;

        await _store.SetAliasAsync("Hello", "live", 3, reason: ReleaseReasons.Reload, cancellationToken: Ct);

        _store.State.Should().NotBeSameAs(before);
        _store.State.Generation.Should().BeGreaterThan(before.Generation);
        before.Resolve("Hello", "live")!.Number.Should().Be(1);
        _store.State.Resolve("Hello", "live")!.Number.Should().Be(3);
    }
}
