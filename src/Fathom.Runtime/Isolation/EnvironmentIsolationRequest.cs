namespace Fathom.Runtime.Isolation;

/// <summary>What the launcher knows about one environment it is about to start.</summary>
internal sealed record EnvironmentIsolationRequest
{
    /// Unique and short (it names the cgroup and the relay folder), e.g. "fn-a-3".
    public required string EnvironmentId { get; init; }

    /// The runtime command with sandbox paths (/var/task, /var/runtime), e.g. node /var/runtime/…/index.mjs index.handler.
    public required IReadOnlyList<string> Command { get; init; }

    /// Host folder with the function's code.
    public required string CodeDirectory { get; init; }

    /// Host folder with the runtime client (shared cache), or null.
    public string? RuntimeDirectory { get; init; }

    /// The function's environment (AWS_LAMBDA_RUNTIME_API is set here to 127.0.0.1:9001 when isolated).
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// MemorySize in MB.
    public required int MemorySizeMb { get; init; }

    /// Whether the function may reach the internet (slirp4netns); null takes <see cref="SandboxOptions.OutboundNetwork"/>.
    public bool? Outbound { get; init; }

    /// Extra read-only binds into the sandbox, host path to sandbox path (node outside /usr, for example).
    public IReadOnlyDictionary<string, string> ReadOnlyBinds { get; init; } = new Dictionary<string, string>();

    /// Size of the private /tmp (the function's EphemeralStorage); null takes Lambda's default, 512 MB.
    public long? TmpBytes { get; init; }

    /// The platform's end of the runtime's telemetry log pipe (/proc/&lt;pid&gt;/fd/&lt;n&gt;), opened by the sandbox's
    /// outer shell as <see cref="SandboxSpec.TelemetryDescriptor"/>; null for none. Used only when sandboxed.
    public string? TelemetryPipe { get; init; }

    /// Adds Lambda's V8 heap flags to NODE_OPTIONS (for node runtimes).
    public bool SizeNodeHeap { get; init; }
}
