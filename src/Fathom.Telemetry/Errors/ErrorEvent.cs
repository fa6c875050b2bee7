namespace Fathom.Telemetry.Errors;

/// <summary>One failure, from either source: the platform's own record of a failed invocation, or an event a Sentry
/// SDK sent. Grouped into issues by the error tracker; carries the identity of DESIGN.md "Telemetry records".</summary>
public sealed record ErrorEvent
{
    /// <summary>32 lowercase hex digits (a Sentry event id, or one made for a platform event).</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public required string Function { get; init; }

    /// <summary>The version that failed (for an SDK event: from the endpoint's caller, or its <c>release</c>).</summary>
    public required string Version { get; init; }

    public string? Qualifier { get; init; }

    public string? Source { get; init; }

    /// <summary>The invocation's request id: joins the event to its log lines, and an SDK report to the platform's.</summary>
    public string? RequestId { get; init; }

    /// <summary>Who reported it: <see cref="ErrorOrigins.Platform"/> or <see cref="ErrorOrigins.Sdk"/>.</summary>
    public required string Origin { get; init; }

    /// <summary>What failed: the invocation outcome (<c>FunctionError</c>, <c>InitError</c>, <c>Timeout</c>, <c>Crash</c>,
    /// <c>OutOfMemory</c>) or <c>Exception</c> / <c>Message</c> for an SDK event.</summary>
    public required string Kind { get; init; }

    /// <summary>The exception type, e.g. <c>TypeError</c>, <c>Runtime.ImportModuleError</c>, <c>Sandbox.Timedout</c>.</summary>
    public required string Type { get; init; }

    public required string Message { get; init; }

    /// <summary>The stack, outermost call first and the frame that threw last (Sentry's order).</summary>
    public IReadOnlyList<ErrorFrame> Frames { get; init; } = [];

    /// <summary>An SDK-supplied fingerprint; replaces the computed one (<c>{{ default }}</c> stands for it).</summary>
    public IReadOnlyList<string>? Fingerprint { get; init; }

    /// <summary><c>error</c>, <c>fatal</c>, <c>warning</c>, ...</summary>
    public string Level { get; init; } = "error";

    /// <summary>The request payload (redacted), capped; null when unknown.</summary>
    public string? Payload { get; init; }

    /// <summary>SDK name and version (<c>sentry.javascript.node/8.0.0</c>), or null for the platform.</summary>
    public string? Sdk { get; init; }

    /// <summary>Tags an SDK sent.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>One stack frame, with its file mapped back to the app's source (<c>/var/task/src/app.js</c> → <c>src/app.js</c>).</summary>
/// <param name="Function">The function or method name.</param>
/// <param name="File">The path relative to the app (or as reported, outside it).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="InApp">False for <c>node_modules</c>, runtime and platform frames.</param>
public sealed record ErrorFrame(string? Function, string? File, int? Line, int? Column, bool InApp);

/// <summary>The closed list of error sources.</summary>
public static class ErrorOrigins
{
    public const string Platform = "platform";

    public const string Sdk = "sdk";
}
