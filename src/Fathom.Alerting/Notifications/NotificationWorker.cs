using System.Text.Json;
using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Alerting.Notifications;

/// <summary>Sends due deliveries from the outbox, one at a time, oldest first. A failure is retried with exponential
/// back-off (doubling from <see cref="NotificationOptions.RetryBase"/> to <see cref="NotificationOptions.RetryCap"/>,
/// divided by the time scale) until <see cref="NotificationOptions.GiveUpAfter"/>, then marked failed. Failures are
/// visible twice as <c>notification.failed</c> events: once at a delivery's first failure and once when it gives up.</summary>
public sealed partial class NotificationWorker(
    NotificationOutbox outbox, NotificationSender sender, PlatformEventStore events, NotificationOptions options, TimeScale scale,
    TimeProvider time, ILogger<NotificationWorker> logger) : BackgroundService
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Looks for due deliveries now (new ones were stored).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Sends every delivery due now, once each; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            var due = await outbox.DueAsync(time.GetUtcNow(), 20, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return attempted;
            }

            foreach (var delivery in due)
            {
                await AttemptAsync(delivery, cancellationToken).ConfigureAwait(false);
                attempted++;
            }
        }
    }

    /// <summary>One attempt: sent, or the failure recorded with the next attempt's time (or given up).</summary>
    public async Task<NotificationDelivery> AttemptAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await sender.SendAsync(delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }

        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        NotificationDelivery updated;
        if (error is null)
        {
            updated = delivery with { Status = NotificationStatus.Sent, Attempts = attempts, LastAttempt = now, Sent = now };
        }
        else
        {
            var giveUp = delivery.EventId < 0 || now - delivery.Created >= scale.Scale(options.GiveUpAfter);
            updated = delivery with
            {
                Status = giveUp ? NotificationStatus.Failed : NotificationStatus.Pending,
                Attempts = attempts,
                LastAttempt = now,
                LastError = error,
                NextAttempt = giveUp ? now : now + Backoff(attempts),
            };
            LogFailed(logger, delivery.Target.Name, delivery.EventKind, delivery.EventId, attempts, error);
        }

        await outbox.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        if (error is not null && delivery.EventId > 0 && (attempts == 1 || updated.Status == NotificationStatus.Failed))
        {
            await ReportFailureAsync(updated, error, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: base × 2^(attempts-1), capped, scaled.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var wait = options.RetryBase * Math.Pow(2, Math.Min(attempts - 1, 30));
        return scale.Scale(wait < options.RetryCap ? wait : options.RetryCap);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a delivery stored meanwhile wakes the wait below.
            var woken = Volatile.Read(ref _wake).Task;
            try
            {
                await SendDueAsync(stoppingToken).ConfigureAwait(false);
                var next = await outbox.NextDueAsync(stoppingToken).ConfigureAwait(false);
                var wait = next is { } at ? at - time.GetUtcNow() : TimeSpan.FromMinutes(1);
                wait = wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
                await woken.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWorkerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReportFailureAsync(NotificationDelivery delivery, string error, CancellationToken cancellationToken)
    {
        var gaveUp = delivery.Status == NotificationStatus.Failed;
        await events.AppendAsync(new PlatformEvent
        {
            Time = time.GetUtcNow(),
            Kind = PlatformEventKinds.NotificationFailed,
            App = delivery.App,
            Environment = delivery.Environment,
            DedupeKey = $"notification.failed:{delivery.App}/{delivery.Environment}/{delivery.Target.Name}/{delivery.EventId}:{(gaveUp ? "gave-up" : "first")}",
            Payload = JsonSerializer.Serialize(new
            {
                delivery = delivery.Id,
                channel = delivery.Target.Name,
                eventId = delivery.EventId,
                eventKind = delivery.EventKind,
                attempts = delivery.Attempts,
                error,
                gaveUp,
                nextAttempt = gaveUp ? null : NotificationPayloads.Iso(delivery.NextAttempt),
            }),
        }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification to {Target} for {Kind} #{EventId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, string target, string kind, long eventId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The notification worker failed; retrying")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
