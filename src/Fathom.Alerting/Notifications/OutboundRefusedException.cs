namespace Fathom.Alerting.Notifications;

/// <summary>The outbound allowlist refused a notification target; the message says which address and why.</summary>
public sealed class OutboundRefusedException(string message) : IOException(message);
