using Fathom.Platform.Events;
using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class PlatformIssueEventsTests : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-platform");
    private readonly PlatformEventStore _store;

    public PlatformIssueEventsTests() => _store = PlatformEventStore.Open(_directory.Path);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Publish_NewIssueTwice_StoredOnce_RegressionAfterIt_WithMonotonicIds()
    {
        var events = new PlatformIssueEvents(_store, TimeProvider.System);
        var failure = ErrorEvents.Of("TypeError", "x", version: "3");
        var created = new IssueChange(7, PlatformEventKinds.IssueNew, IssueStates.Unresolved, "TypeError: x", "Orders", "1", "shop", "local");

        await events.PublishAsync(created, failure, Ct);
        await events.PublishAsync(created, failure, Ct);
        await events.PublishAsync(created with { Kind = PlatformEventKinds.IssueRegression, Version = "3" }, failure, Ct);

        var stored = await _store.ReadAfterAsync(0, cancellationToken: Ct);
        stored.Select(e => e.Kind).Should().Equal("issue.new", "issue.regression");
        stored[1].Id.Should().BeGreaterThan(stored[0].Id);
        stored[1].Version.Should().Be("3");
        (await _store.ReadAfterAsync(stored[0].Id, kind: "issue.regression", cancellationToken: Ct)).Should().ContainSingle();
        (await _store.ReadAfterAsync(0, function: "Refunds", cancellationToken: Ct)).Should().BeEmpty();
    }
}
