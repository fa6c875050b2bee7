using Fathom.Alerting.Notifications;
using Fathom.Apps.Config;
using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Alerting.Tests.Notifications;

/// <summary>The notification pipeline over real SQLite files in a temp folder: platform.db, alerting.db, the feed and the
/// worker, with channels given by the test and retries fast (50 ms, doubling).</summary>
internal sealed class NotificationRig : IAsyncDisposable, INotificationChannels, IPlatformPorts
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();

    public NotificationRig(IReadOnlyList<string>? allow = null)
    {
        Events = PlatformEventStore.Open(_dir.Path);
        Outbox = NotificationOutbox.Open(_dir.Path);
        var options = new NotificationOptions
        {
            DataDirectory = _dir.Path, Allow = allow ?? [], RetryBase = TimeSpan.FromMilliseconds(50), RetryCap = TimeSpan.FromMilliseconds(400),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        };
        Sender = new NotificationSender(new OutboundAllowlist(options.Allow, this), TimeProvider.System, options.AttemptTimeout);
        Worker = new NotificationWorker(Outbox, Sender, Events, options, TimeScale.None, TimeProvider.System, NullLogger<NotificationWorker>.Instance);
        Feed = new NotificationFeed(Events, Outbox, this, Worker, TimeProvider.System, NullLogger<NotificationFeed>.Instance);
    }

    public PlatformEventStore Events { get; }

    public NotificationOutbox Outbox { get; }

    public NotificationSender Sender { get; }

    public NotificationWorker Worker { get; }

    public NotificationFeed Feed { get; }

    public List<NotificationChannelConfig> Channels { get; } = [];

    public List<NotificationTopic> Topics { get; } = [];

    /// <summary>Ports the allowlist treats as this platform's own.</summary>
    public HashSet<int> OwnPorts { get; } = [];

    IReadOnlyCollection<int> IPlatformPorts.Ports => OwnPorts;

    public IReadOnlyList<(string App, string Environment)> Environments => [("shop", "prod")];

    public NotificationTargets Find(string app, string environment) =>
        app == "shop" && environment == "prod" ? new NotificationTargets(Channels, Topics) : NotificationTargets.None;

    /// <summary>Runs the feed and the worker as the host does.</summary>
    public async Task StartAsync()
    {
        await Feed.StartAsync(_stop.Token);
        await Worker.StartAsync(_stop.Token);
    }

    public Task<PlatformEvent> AppendAsync(string kind, string payload, string key, string? function = "checkout") => Events.AppendAsync(new PlatformEvent
    {
        Time = DateTimeOffset.UtcNow,
        Kind = kind,
        App = "shop",
        Environment = "prod",
        Function = function,
        Version = "3",
        DedupeKey = key,
        Payload = payload,
    });

    /// <summary>An alarm.state payload as the alarms part writes it.</summary>
    public static string AlarmPayload(string state, string previous, params string[] alarmActions) => System.Text.Json.JsonSerializer.Serialize(new
    {
        alarm = "checkout-errors",
        description = "error rate of checkout",
        kind = "default",
        state,
        previousState = previous,
        reason = $"Threshold Crossed: 1 datapoint [40.0] was greater than the threshold (5.0) -> {state}",
        metric = "ErrorRate",
        @namespace = "AWS/Lambda",
        statistic = "Average",
        threshold = 5.0,
        comparison = "GreaterThanThreshold",
        periodSeconds = 10,
        datapoints = new[] { new { time = "2026-12-07T20:00:00Z", value = 40.0 } },
        alarmActions,
        okActions = alarmActions,
        insufficientDataActions = Array.Empty<string>(),
    });

    /// <summary>Waits until <paramref name="done"/> holds for the newest deliveries.</summary>
    public async Task<IReadOnlyList<NotificationDelivery>> WaitForAsync(Func<IReadOnlyList<NotificationDelivery>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var deliveries = await Outbox.RecentAsync(null, null, 100);
            if (done(deliveries))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("deliveries never reached the expected state: " + string.Join("; ", deliveries.Select(d => $"{d.Target.Name} {d.Status} {d.Attempts} {d.LastError}")));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Feed.StopAsync(CancellationToken.None);
        await Worker.StopAsync(CancellationToken.None);
        Sender.Dispose();
        Outbox.Dispose();
        Events.Dispose();
        _dir.Dispose();
    }
}
