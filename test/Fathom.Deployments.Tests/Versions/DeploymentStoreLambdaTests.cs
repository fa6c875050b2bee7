using Fathom.Deployments.Versions;

namespace Fathom.Deployments.Tests.Versions;

public sealed class DeploymentStoreLambdaTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SetReservedConcurrencyAsync_KeptAcrossReopen_UntilRemoved()
    {
        using (var store = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", cancellationToken: Ct))
        {
            await store.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
            await store.SetReservedConcurrencyAsync("Hello", 3, Ct);
        }

        using var reopened = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", cancellationToken: Ct);
        (await reopened.GetReservedConcurrencyAsync("Hello", Ct)).Should().Be(3);
        (await reopened.ListReservedConcurrencyAsync(Ct)).Should().BeEquivalentTo(new Dictionary<string, int> { ["Hello"] = 3 });

        await reopened.SetReservedConcurrencyAsync("Hello", null, Ct);

        (await reopened.GetReservedConcurrencyAsync("Hello", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task SetReservedConcurrencyAsync_UnknownFunction_Throws()
    {
        using var store = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", cancellationToken: Ct);

        var act = () => store.SetReservedConcurrencyAsync("Nope", 1, Ct);

        await act.Should().ThrowAsync<DeploymentException>().WithMessage("*Nope*");
    }

    [Fact]
    public async Task ReservedConcurrency_IsPerEnvironment()
    {
        using var dev = await DeploymentStore.OpenAsync(_temp.Path, "app", "dev", cancellationToken: Ct);
        using var prod = await DeploymentStore.OpenAsync(_temp.Path, "app", "prod", cancellationToken: Ct);
        await dev.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await prod.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);

        await prod.SetReservedConcurrencyAsync("Hello", 2, Ct);

        (await dev.GetReservedConcurrencyAsync("Hello", Ct)).Should().BeNull();
        (await prod.GetReservedConcurrencyAsync("Hello", Ct)).Should().Be(2);
    }

    [Fact]
    public async Task DeleteAliasAsync_RemovesTheAliasAndItsDescription_UnqualifiedCallsFallBackToTheNewest()
    {
        using var store = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", cancellationToken: Ct);
        await store.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await store.DeployAsync("Hello", "a2", "c1", "{}", cancellationToken: Ct);
        await store.SetAliasAsync("Hello", "live", 1, cancellationToken: Ct);
        await store.SetAliasDescriptionAsync("Hello", "live", "pinned", Ct);

        var deleted = await store.DeleteAliasAsync("Hello", "live", Ct);

        deleted.Should().BeTrue();
        store.State.Functions["Hello"].Aliases.Should().NotContainKey("live");
        store.State.Resolve("Hello")!.Number.Should().Be(2);
        (await store.AliasDescriptionsAsync("Hello", Ct)).Should().BeEmpty();
        (await store.DeleteAliasAsync("Hello", "live", Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task SetAliasDescriptionAsync_EmptyClearsIt()
    {
        using var store = await DeploymentStore.OpenAsync(_temp.Path, "app", "local", cancellationToken: Ct);
        await store.DeployAsync("Hello", "a1", "c1", "{}", cancellationToken: Ct);
        await store.SetAliasDescriptionAsync("Hello", "live", "first", Ct);
        await store.SetAliasDescriptionAsync("Hello", "live", "second", Ct);
        (await store.AliasDescriptionsAsync("Hello", Ct)).Should().Equal(new Dictionary<string, string> { ["live"] = "second" });

        await store.SetAliasDescriptionAsync("Hello", "live", "", Ct);

        (await store.AliasDescriptionsAsync("Hello", Ct)).Should().BeEmpty();
    }
}
