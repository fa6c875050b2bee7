using Fathom.Platform.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Alerting.Notifications;

/// <summary>Reads <c>platform.db</c> from its own cursor and turns each event into outbox deliveries. The deliveries are
/// committed to <c>alerting.db</c> before the cursor moves past the event: killed in between, the event is expanded
/// again and the outbox's unique key keeps one delivery per (target, event). Nothing is lost; nothing is stored twice.</summary>
public sealed partial class NotificationFeed(
    PlatformEventStore events, NotificationOutbox outbox, INotificationChannels channels, NotificationWorker worker, TimeProvider time,
    ILogger<NotificationFeed> logger) : BackgroundService
{
    /// <summary>This consumer's name in <c>platform.db</c>'s <c>cursors</c> table.</summary>
    public const string Cursor = "notifications";

    /// <summary>Expands every event after the cursor; returns how many deliveries were new.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        var after = await events.GetCursorAsync(Cursor, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var batch = await events.ReadAfterAsync(after, limit: 200, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return added;
            }

            var now = time.GetUtcNow();
            var deliveries = batch
                .Where(e => e.App is not null && e.Environment is not null)
                .SelectMany(e => NotificationRouting.Expand(e, channels.Find(e.App!, e.Environment!), now))
                .ToList();
            added += await outbox.AddAsync(deliveries, cancellationToken).ConfigureAwait(false);
            after = batch[^1].Id;
            await events.SetCursorAsync(Cursor, after, cancellationToken).ConfigureAwait(false);
            if (deliveries.Count > 0)
            {
                worker.Wake();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before reading, so an event appended during the read wakes the next wait.
            var appended = events.NextAppend;
            try
            {
                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFeedFailed(logger, e);
            }

            // platform.db may also be written by another process (a second tool on the same data directory): look again
            // every few seconds even without a wake-up.
            try
            {
                await appended.WaitAsync(TimeSpan.FromSeconds(2), time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications could not read platform events; retrying")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception);
}
