using System.Text.Json;
using Fathom.Platform.Events;

namespace Fathom.Telemetry.Errors;

/// <summary>Writes the tracker's changes to <c>platform.db</c> as <c>issue.new</c>, <c>issue.regression</c> and
/// <c>issue.state</c>, for notifications and the timeline to act on.</summary>
internal sealed class PlatformIssueEvents(PlatformEventStore store, TimeProvider time) : IIssueChangeSink
{
    public async Task PublishAsync(IssueChange change, ErrorEvent? context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A new issue happens once; a regression once per causing event; a state change once per request.
        var key = change.Kind switch
        {
            PlatformEventKinds.IssueNew => $"issue.new:{change.App}:{change.Environment}:{change.IssueId}",
            _ => $"{change.Kind}:{change.App}:{change.Environment}:{change.IssueId}:{context?.EventId ?? now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}:{change.State}",
        };
        var payload = JsonSerializer.Serialize(new
        {
            issueId = change.IssueId,
            state = change.State,
            title = change.Title,
            eventId = context?.EventId,
            requestId = context?.RequestId,
        }, ErrorEventJson.Options);
        await store.AppendAsync(new PlatformEvent
        {
            Time = context?.Time ?? now,
            Kind = change.Kind,
            App = change.App,
            Environment = change.Environment,
            Function = change.Function,
            Version = change.Version,
            DedupeKey = key,
            Payload = payload,
        }, cancellationToken);
    }
}
