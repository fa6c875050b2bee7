using System.Collections.Concurrent;
using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class ErrorTrackerTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("fathom-errors");
    private readonly ErrorStore _store;
    private readonly RecordingChanges _changes = new();
    private readonly ErrorTracker _tracker;

    public ErrorTrackerTests()
    {
        _store = ErrorStore.Open(_directory.Path);
        _tracker = new ErrorTracker(_store, [_changes], new TelemetryOptions { ErrorQueueLength = 100 });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _tracker.StopAsync(CancellationToken.None);
        _tracker.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Offer_SdkAndPlatformReportTheSameFailure_OneEventWithTheSdksFrames(bool sdkFirst)
    {
        await _tracker.StartAsync(Ct);
        var platform = ErrorEvents.Of("TypeError", "x", requestId: "req-1", stack: ["    at handler (/var/task/app.js:3:9)"]);
        var sdk = platform with
        {
            Origin = ErrorOrigins.Sdk,
            Kind = "Exception",
            Sdk = "sentry.javascript.node/8.0.0",
            Frames = [new ErrorFrame("handler", "app.js", 3, 9, true), new ErrorFrame("inner", "app.js", 1, 1, true)],
        };

        _tracker.Offer(sdkFirst ? sdk : platform).Should().BeTrue();
        _tracker.Offer(sdkFirst ? platform : sdk).Should().BeTrue();
        await _tracker.StopAsync(Ct);

        (_tracker.Stored, _tracker.Dropped).Should().Be((1L, 0L));
        var issue = (await _store.ListAsync(new IssueQuery(), Ct)).Issues.Should().ContainSingle().Subject;
        issue.Count.Should().Be(1);
        var sample = (await _store.SamplesAsync(issue.Id, Ct)).Should().ContainSingle().Subject;
        sample.Event.Frames.Should().HaveCount(2, "the SDK's frames win");
        _changes.Kinds.Should().Equal("issue.new");
    }

    [Fact]
    public void Offer_QueueFull_DropsAndCountsWithoutBlocking()
    {
        // Not started: nothing drains the queue.
        var accepted = Enumerable.Range(0, 150).Count(i => _tracker.Offer(ErrorEvents.Of("TypeError", $"{i}")));

        accepted.Should().Be(100);
        _tracker.Dropped.Should().Be(50);
    }

    private sealed class RecordingChanges : IIssueChangeSink
    {
        private readonly ConcurrentQueue<string> _kinds = new();

        public IReadOnlyList<string> Kinds => [.. _kinds];

        public Task PublishAsync(IssueChange change, ErrorEvent? context, CancellationToken cancellationToken)
        {
            _kinds.Enqueue(change.Kind);
            return Task.CompletedTask;
        }
    }
}
