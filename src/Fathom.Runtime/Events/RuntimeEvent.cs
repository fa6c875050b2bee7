namespace Fathom.Runtime.Events;

/// <summary>Something the runtime publishes to its subscribers: a <see cref="LogLine"/> or an <see cref="InvocationCompleted"/>.</summary>
public abstract record RuntimeEvent
{
    /// <summary>The function name.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The version that ran.</summary>
    public required string Version { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Time { get; init; }
}
