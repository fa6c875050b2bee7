using System.Globalization;
using System.Text;
using Fathom.Runtime.Logging;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Splits a process's raw output into lines with two caps: a line longer than <see cref="MaxLineBytes"/> is cut
/// and marked, and once an invocation has produced <see cref="MaxInvocationBytes"/> the rest is dropped and one
/// marker line says so. Memory stays bounded by one line, however much the function prints.
/// Feed it from one reader; <see cref="StartInvocation"/> may come from another thread.
/// </summary>
internal sealed class OutputLimiter : IOutputDecoder
{
    /// CloudWatch Logs' event size limit.
    public const int DefaultMaxLineBytes = 256 * 1024;

    /// Per invocation.
    public const long DefaultMaxInvocationBytes = 8L * 1024 * 1024;

    private readonly Action<string> _onLine;
    private readonly Lock _lock = new();
    private byte[] _line;
    private int _lineLength;
    private long _lineDropped;
    private long _emitted;
    private bool _exhausted;

    /// Creates a limiter that hands each finished line to <paramref name="onLine"/>.
    public OutputLimiter(Action<string> onLine, int maxLineBytes = DefaultMaxLineBytes, long maxInvocationBytes = DefaultMaxInvocationBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInvocationBytes, 1);
        _onLine = onLine;
        MaxLineBytes = maxLineBytes;
        MaxInvocationBytes = maxInvocationBytes;
        _line = new byte[Math.Min(maxLineBytes, 4096)];
    }

    /// The per-line cap in bytes.
    public int MaxLineBytes { get; }

    /// The per-invocation cap in bytes.
    public long MaxInvocationBytes { get; }

    /// Bytes dropped in the current invocation (cut line tails and everything past the invocation cap).
    public long DroppedBytes { get; private set; }

    /// Whether anything was dropped in the current invocation.
    public bool Truncated => DroppedBytes > 0;

    /// Copies a stream through the limiter with a fixed buffer until it ends, then flushes a last partial line.
    public static async Task PumpAsync(Stream stream, OutputLimiter limiter, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            limiter.Write(buffer.AsSpan(0, read));
        }

        limiter.Flush();
    }

    /// Takes a chunk of output.
    public void Write(ReadOnlySpan<byte> chunk)
    {
        lock (_lock)
        {
            while (!chunk.IsEmpty)
            {
                var newline = chunk.IndexOf((byte)'\n');
                var part = newline < 0 ? chunk : chunk[..newline];
                Append(part);
                if (newline < 0)
                {
                    return;
                }

                EmitLine();
                chunk = chunk[(newline + 1)..];
            }
        }
    }

    /// Emits a partial last line, if any.
    public void Flush()
    {
        lock (_lock)
        {
            if (_lineLength > 0 || _lineDropped > 0)
            {
                EmitLine();
            }
        }
    }

    /// Flushes and starts the per-invocation budget over.
    public void StartInvocation()
    {
        lock (_lock)
        {
            if (_lineLength > 0 || _lineDropped > 0)
            {
                EmitLine();
            }

            _emitted = 0;
            _exhausted = false;
            DroppedBytes = 0;
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_exhausted)
        {
            DroppedBytes += part.Length;
            return;
        }

        var room = MaxLineBytes - _lineLength;
        var take = Math.Min(room, part.Length);
        if (_lineLength + take > _line.Length)
        {
            Array.Resize(ref _line, Math.Min(MaxLineBytes, Math.Max(_line.Length * 2, _lineLength + take)));
        }

        part[..take].CopyTo(_line.AsSpan(_lineLength));
        _lineLength += take;
        _lineDropped += part.Length - take;
    }

    private void EmitLine()
    {
        if (_exhausted)
        {
            DroppedBytes += 1;
            return;
        }

        var length = _lineLength;
        if (length > 0 && _line[length - 1] == '\r')
        {
            length--;
        }

        var size = _lineLength + _lineDropped + 1;
        if (_emitted + size > MaxInvocationBytes)
        {
            _exhausted = true;
            DroppedBytes += size;
            ResetLine();
            _onLine(string.Create(CultureInfo.InvariantCulture, $"[output truncated: this invocation reached the limit of {MaxInvocationBytes} bytes]"));
            return;
        }

        _emitted += size;
        var text = Encoding.UTF8.GetString(_line, 0, length);
        if (_lineDropped > 0)
        {
            DroppedBytes += _lineDropped;
            text += string.Create(CultureInfo.InvariantCulture, $" … [line truncated: {_lineDropped} more bytes]");
        }

        ResetLine();
        _onLine(text);
    }

    private void ResetLine()
    {
        _lineLength = 0;
        _lineDropped = 0;
        // Give back the memory of a long line so an idle environment holds a small buffer.
        if (_line.Length > 64 * 1024)
        {
            _line = new byte[4096];
        }
    }
}
