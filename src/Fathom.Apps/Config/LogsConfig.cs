namespace Fathom.Apps.Config;

/// <summary>The <c>logs:</c> section of <c>fathom.yaml</c>: where the app's logs are sent besides Fathom's own store.</summary>
public sealed record LogsConfig
{
    /// <summary><c>forward</c>: the destinations every log record is copied to, in file order; empty sends nowhere.</summary>
    public IReadOnlyList<LogForwardConfig> Forward { get; init; } = [];
}
