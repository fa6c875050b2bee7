namespace Fathom.Apps.Config;

/// <summary>One entry of <c>logs.forward</c>: a destination that receives a copy of every log record.</summary>
public abstract record LogForwardConfig
{
    /// <summary>Where the entry was written (<c>fathom.yaml:4:5</c>), so a forwarder's errors can point back at it.</summary>
    public string? Source { get; init; }
}
