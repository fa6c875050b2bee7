namespace Fathom.Apps.Config;

/// <summary>The <c>runtime:</c> section of <c>fathom.yaml</c>: how functions' runtimes are started and how many
/// environments they may use. A setting left out (null) keeps the runtime's default.</summary>
public sealed record RuntimeConfig
{
    /// <summary>The <c>node</c> executable to run Node.js functions with (absolute, or relative to the app); null means <c>node</c> on PATH.</summary>
    public string? Node { get; init; }

    /// <summary><c>maxEnvironments</c>: environments one function version may run at once (at least 1); calls beyond wait in the queue.</summary>
    public int? MaxEnvironments { get; init; }

    /// <summary><c>idleTimeout</c>: an environment unused this long is stopped (<c>30s</c>, <c>5m</c>, <c>1h</c>).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary><c>queueLength</c>: calls that may wait for a busy function's environment (0 throttles at once).</summary>
    public int? QueueLength { get; init; }
}
