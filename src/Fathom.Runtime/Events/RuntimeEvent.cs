namespace Fathom.Runtime.Events;

/// <summary>Something the runtime publishes to its subscribers: a <see cref="LogLine"/> or an <see cref="InvocationCompleted"/>.</summary>
public abstract record RuntimeEvent
{
    /// <summary>The app the function belongs to.</summary>
    public required string App { get; init; }

    /// <summary>The environment it ran in.</summary>
    public required string Environment { get; init; }

    /// <summary>The function name.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The version that ran.</summary>
    public required string Version { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Time { get; init; }
}
