namespace Fathom.Runtime.Invocations;

/// <summary>One call into a function version. The runtime knows nothing of aliases or HTTP: callers resolve those.</summary>
public sealed record InvocationRequest
{
    /// <summary>The app the function belongs to; must match the loaded function's (DESIGN.md "Telemetry records").</summary>
    public required string App { get; init; }

    /// <summary>The environment the call is for; must match the loaded function's.</summary>
    public required string Environment { get; init; }

    /// <summary>The function name (DESIGN.md "Function identity").</summary>
    public required string FunctionName { get; init; }

    /// <summary>The concrete version to run: <c>$LATEST</c> or a published number.</summary>
    public required string Version { get; init; }

    /// <summary>The event bytes, passed to the runtime unchanged.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>What the caller invoked: an alias, a version, or null for the unqualified name. Recorded, never resolved here.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Where the call came from, e.g. <c>api</c>, <c>invoke</c>, <c>schedule</c>. Recorded with the invocation.</summary>
    public required string Source { get; init; }

    /// <summary>The latest moment the caller will wait, including time queued for an environment. Null: the function's timeout only.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The request id to use; the runtime makes one when null (callers that already gave the client an id pass it).</summary>
    public string? RequestId { get; init; }

    /// <summary>Decoded client context JSON, passed as <c>Lambda-Runtime-Client-Context</c>.</summary>
    public string? ClientContext { get; init; }

    /// <summary>An X-Ray style trace header to pass on; the runtime makes one when null.</summary>
    public string? TraceId { get; init; }
}
