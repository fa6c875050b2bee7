using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Runtime.Processes;

/// <summary>Reads a process's peak resident memory (VmHWM) from one <c>/proc/PID/status</c> handle kept open:
/// procfs regenerates the text on every read from offset 0, so each invocation's REPORT costs one pread.</summary>
internal sealed class ProcessMemory : IDisposable
{
    private readonly SafeFileHandle? _status;
    private readonly byte[] _buffer = new byte[4096];

    public ProcessMemory(int pid)
    {
        try
        {
            _status = File.OpenHandle($"/proc/{pid}/status");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _status = null;
        }
    }

    /// <summary>Peak resident memory in MB (rounded up), or 0 once the process is gone.</summary>
    public int PeakMb()
    {
        if (_status is null || _status.IsClosed)
        {
            return 0;
        }

        int read;
        try
        {
            read = RandomAccess.Read(_status, _buffer, 0);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return 0;
        }

        var text = _buffer.AsSpan(0, read);
        var at = text.IndexOf("VmHWM:"u8);
        if (at < 0)
        {
            return 0;
        }

        var value = text[(at + 6)..].TrimStart(" \t"u8);
        return Utf8Parser.TryParse(value, out long kb, out _) ? (int)((kb + 1023) / 1024) : 0;
    }

    public void Dispose() => _status?.Dispose();
}
