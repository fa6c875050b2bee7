using System.IO.Pipes;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Logging;

/// <summary>
/// The pipe a Node runtime client writes its log frames to, as on Lambda (<c>_LAMBDA_TELEMETRY_LOG_FD</c>). .NET cannot
/// hand a child an extra descriptor, and clearing close-on-exec on one would leak it into every process other threads
/// start meanwhile (another environment's function could then write into this one's log). So both ends stay
/// close-on-exec, and the environment's own launch shell opens the write end through
/// <c>/proc/&lt;platform pid&gt;/fd/&lt;n&gt;</c> as descriptor <see cref="Descriptor"/> before it execs the runtime;
/// nsenter, setpriv and bubblewrap pass it on. Inside, the function sees an anonymous pipe, no host path.
/// </summary>
internal sealed class TelemetryPipe : IDisposable
{
    /// <summary>The descriptor number the runtime gets (not the seccomp or argument descriptors bubblewrap reads).</summary>
    public const int Descriptor = SandboxSpec.TelemetryDescriptor;

    /// <summary>The variable that tells the runtime client where to write.</summary>
    public const string Variable = "_LAMBDA_TELEMETRY_LOG_FD";

    private readonly AnonymousPipeServerStream _pipe = new(PipeDirection.In, HandleInheritability.None);
    private int _writerClosed;

    public TelemetryPipe() => WriterPath = $"/proc/{Environment.ProcessId}/fd/{_pipe.GetClientHandleAsString()}";

    /// <summary>The read end, for an <see cref="Environments.OutputPump"/>.</summary>
    public Stream Reader => _pipe;

    /// <summary>Where the launch shell opens the write end; valid until <see cref="CloseWriter"/>.</summary>
    public string WriterPath { get; }

    /// <summary>Prefixes a command that runs outside a sandbox with a shell that opens the write end, then execs it.
    /// An absolute shell, since the function's own variables (PATH) are in effect here.</summary>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) =>
        ["/bin/sh", "-c", $"exec {Descriptor}>'{WriterPath}' && exec \"$@\"", "fathom-telemetry", .. argv];

    /// <summary>Closes the platform's copy of the write end, once the launch shell has opened its own (the runtime has
    /// started, or failed to): from then on the pipe ends when the function's processes are gone.</summary>
    public void CloseWriter()
    {
        if (Interlocked.Exchange(ref _writerClosed, 1) == 0)
        {
            _pipe.DisposeLocalCopyOfClientHandle();
        }
    }

    public void Dispose()
    {
        CloseWriter();
        _pipe.Dispose();
    }
}
