using System.Collections.Concurrent;
using Fathom.Alerting.Notifications;
using Fathom.Apps;
using Fathom.Server.Environments;

namespace Fathom.Server.Alerting;

/// <summary>Each environment's notification targets from the app it last deployed: <c>fathom server</c> keeps them in
/// the environment's record (so they survive a restart with deliveries pending); <c>fathom up</c> sets them on every
/// load of its app.</summary>
internal sealed class EnvironmentNotificationChannels(EnvironmentRegistry? registry) : INotificationChannels
{
    private readonly ConcurrentDictionary<(string, string), NotificationTargets> _loaded = new();

    public IReadOnlyList<(string App, string Environment)> Environments =>
        [.. (registry?.All ?? []).Select(e => (e.App, e.Name)).Union(_loaded.Keys.Select(k => (k.Item1, k.Item2)))];

    public NotificationTargets Find(string app, string environment) =>
        _loaded.TryGetValue((app, environment), out var targets) ? targets
        : registry?.Get(app, environment)?.Record?.Notifications ?? NotificationTargets.None;

    /// <summary>The targets of an app just loaded (<c>fathom up</c>).</summary>
    public void Set(string app, string environment, AppModel model) => _loaded[(app, environment)] = Of(model);

    /// <summary>What an app model notifies: its <c>fathom.yaml</c> channels and its SNS topics.</summary>
    public static NotificationTargets Of(AppModel model) => new(
        model.Config.Notifications.Channels,
        [.. model.Topics.Select(t => new NotificationTopic(t.LogicalId, t.Arn, t.Subscriptions))]);
}
