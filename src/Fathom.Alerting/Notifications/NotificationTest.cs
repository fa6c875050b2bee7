using Fathom.Platform.Events;

namespace Fathom.Alerting.Notifications;

/// <summary>The message <c>fathom notifications test CHANNEL</c> sends: not a platform event (nothing happened), so it
/// takes a negative id in the outbox and never reaches other consumers.</summary>
internal static class NotificationTest
{
    public const string Kind = "test";

    public static PlatformEvent Event(string app, string environment, DateTimeOffset now) => new()
    {
        Id = -now.ToUnixTimeMilliseconds(),
        Time = now,
        Kind = Kind,
        App = app,
        Environment = environment,
        DedupeKey = $"test:{app}:{environment}:{now.ToUnixTimeMilliseconds()}",
        Payload = "{}",
    };
}
