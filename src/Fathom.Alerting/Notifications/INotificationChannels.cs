namespace Fathom.Alerting.Notifications;

/// <summary>Where an environment's notifications go, from the <c>fathom.yaml</c> and template it was last deployed with.
/// The host implements it over its environments.</summary>
public interface INotificationChannels
{
    /// <summary>The targets of <paramref name="app"/>/<paramref name="environment"/>; <see cref="NotificationTargets.None"/>
    /// for an environment the host does not know.</summary>
    NotificationTargets Find(string app, string environment);

    /// <summary>Every environment the host serves (for the API's default selection).</summary>
    IReadOnlyList<(string App, string Environment)> Environments { get; }
}
