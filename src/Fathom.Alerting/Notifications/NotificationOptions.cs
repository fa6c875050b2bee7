namespace Fathom.Alerting.Notifications;

/// <summary>Server-level notification settings (flags of <c>fathom up</c> / <c>fathom server</c>, never from an app).</summary>
public sealed class NotificationOptions
{
    public required string DataDirectory { get; set; }

    /// <summary><c>--notify-allow</c>: CIDRs, addresses or host names; empty allows any address but the platform's own ports.</summary>
    public IReadOnlyList<string> Allow { get; set; } = [];

    /// <summary>The first retry's wait; doubled each failure up to <see cref="RetryCap"/>. Divided by the time scale.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A delivery still failing this long after its event is given up (status failed). Divided by the time scale.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take (connect, send, answer).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
