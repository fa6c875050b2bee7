namespace Fathom.Runtime.Logging;

/// <summary>Turns the bytes of one output pipe into records for an <see cref="Environments.OutputPump"/>: newline-separated
/// lines (<see cref="Isolation.OutputLimiter"/>) or the runtime client's log frames (<see cref="LogFrameDecoder"/>).
/// Fed from one reader; <see cref="StartInvocation"/> may come from another thread.</summary>
internal interface IOutputDecoder
{
    /// <summary>Takes the next chunk read from the pipe.</summary>
    void Write(ReadOnlySpan<byte> chunk);

    /// <summary>The pipe ended: hands over whatever partial record is left.</summary>
    void Flush();

    /// <summary>Starts the per-invocation output budget over.</summary>
    void StartInvocation();
}
