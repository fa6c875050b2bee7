using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Logging;

/// <summary>
/// Reads the frames a Lambda runtime client writes to <c>_LAMBDA_TELEMETRY_LOG_FD</c>: a 16-byte header (uint32
/// big-endian type, <c>0xa55a0003</c> for text or <c>0xa55a0002</c> for JSON, OR'ed with the level mask; int32 big-endian
/// length; int64 big-endian time in microseconds since the epoch), then the message. One frame is one record, however
/// many lines it holds.
/// The descriptor is the function's to write, so nothing in it is trusted: a frame longer than the record cap is cut
/// (its rest skipped as it streams by, never buffered), frames past the invocation's budget are dropped with one marker
/// record, and a header that is not a frame (bad magic, a negative or absurd length) ends framing for good: from there
/// the stream is read as text lines, since there is no way to find the next frame boundary in garbage.
/// </summary>
internal sealed class LogFrameDecoder : IOutputDecoder
{
    /// <summary>Type, length and timestamp.</summary>
    public const int HeaderBytes = 16;

    /// <summary>A declared length beyond this is taken for garbage, not a frame: skipping it would silently swallow
    /// everything the function logs after it (up to 2 GB), where text lines at least show what follows. A real record
    /// this long could never be delivered anyway; lengths between the caps are skipped as they stream by.</summary>
    public const int MaxDeclaredBytes = 64 * 1024 * 1024;

    private const uint Magic = 0xA55A0000;
    private const uint FormatMask = 0x3;
    private const uint TextFormat = 0x3;
    private const uint JsonFormat = 0x2;

    // Index = the level mask shifted right by two (TRACE 4, DEBUG 8 ... FATAL 24); 0 is a frame without a level.
    private static readonly string?[] Levels = [null, "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    // A record claiming a time further than this from the platform's clock is stamped with the platform's: a wrong
    // clock (or a hostile function) must not file it years away, where retention and time queries never find it.
    private static readonly TimeSpan Plausible = TimeSpan.FromDays(1);
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10;

    private readonly Action<OutputRecord> _onRecord;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly byte[] _header = new byte[HeaderBytes];
    private int _headerLength;
    private bool _inBody;
    private long _frameLength;
    private long _remaining;
    private int _keep;
    private byte[] _body = new byte[4096];
    private int _bodyLength;
    private string? _level;
    private DateTimeOffset _time;
    private long _emitted;
    private bool _exhausted;
    // The current frame is being skipped whole (it came past the budget); kept apart from _exhausted, which a new
    // invocation resets while such a frame may still be streaming by.
    private bool _dropping;
    private OutputLimiter? _text;

    /// <summary>Creates a decoder that hands each record to <paramref name="onRecord"/>.</summary>
    public LogFrameDecoder(Action<OutputRecord> onRecord, TimeProvider timeProvider, int maxRecordBytes = OutputLimiter.DefaultMaxLineBytes,
        long maxInvocationBytes = OutputLimiter.DefaultMaxInvocationBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInvocationBytes, 1);
        _onRecord = onRecord;
        _timeProvider = timeProvider;
        MaxRecordBytes = maxRecordBytes;
        MaxInvocationBytes = maxInvocationBytes;
    }

    /// <summary>The per-record cap in bytes (the message, without its header).</summary>
    public int MaxRecordBytes { get; }

    /// <summary>The per-invocation cap in bytes.</summary>
    public long MaxInvocationBytes { get; }

    /// <summary>Message bytes dropped in the current invocation (cut record tails and whole records past the budget).</summary>
    public long DroppedBytes { get; private set; }

    /// <summary>False once a bad header turned the rest of the stream into text lines.</summary>
    public bool Framed
    {
        get
        {
            lock (_lock)
            {
                return _text is null;
            }
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> chunk)
    {
        lock (_lock)
        {
            while (!chunk.IsEmpty)
            {
                if (_text is not null)
                {
                    _text.Write(chunk);
                    return;
                }

                if (!_inBody)
                {
                    var take = Math.Min(HeaderBytes - _headerLength, chunk.Length);
                    chunk[..take].CopyTo(_header.AsSpan(_headerLength));
                    _headerLength += take;
                    chunk = chunk[take..];
                    if (_headerLength == HeaderBytes)
                    {
                        StartFrame();
                    }

                    continue;
                }

                var part = (int)Math.Min(_remaining, chunk.Length);
                Keep(chunk[..part]);
                _remaining -= part;
                chunk = chunk[part..];
                if (_remaining == 0)
                {
                    EndFrame();
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
        lock (_lock)
        {
            if (_text is not null)
            {
                _text.Flush();
                return;
            }

            if (_inBody && !_dropping && _bodyLength > 0)
            {
                // The writer died in the middle of a frame: what arrived is still worth reading.
                var missing = _remaining;
                DroppedBytes += _frameLength - _bodyLength;
                Emit(Decode(_bodyLength, trimNewline: false)
                    + string.Create(CultureInfo.InvariantCulture, $" … [record cut short: {missing} bytes never arrived]"), _level, _time);
            }

            _inBody = false;
            _headerLength = 0;
            ResetBody();
        }
    }

    /// <inheritdoc/>
    public void StartInvocation()
    {
        lock (_lock)
        {
            _emitted = 0;
            _exhausted = false;
            DroppedBytes = 0;
            _text?.StartInvocation();
        }
    }

    private void StartFrame()
    {
        var type = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var length = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4));
        var microseconds = BinaryPrimitives.ReadInt64BigEndian(_header.AsSpan(8));
        var format = type & FormatMask;
        var level = (type >> 2) & 0x7;
        if ((type & ~0x1Fu) != Magic || format is not (TextFormat or JsonFormat) || level >= Levels.Length || length is < 0 or > MaxDeclaredBytes)
        {
            FallBackToText();
            return;
        }

        _headerLength = 0;
        _inBody = true;
        _frameLength = length;
        _remaining = length;
        _level = Levels[level];
        _time = TimeOf(microseconds);
        if (!_exhausted && _emitted + length > MaxInvocationBytes)
        {
            _exhausted = true;
            Emit(string.Create(CultureInfo.InvariantCulture, $"[output truncated: this invocation reached the limit of {MaxInvocationBytes} bytes]"), null, null);
        }

        _dropping = _exhausted;
        _keep = _dropping ? 0 : (int)Math.Min(length, MaxRecordBytes);
        if (length == 0)
        {
            EndFrame();
        }
    }

    private void Keep(ReadOnlySpan<byte> part)
    {
        var take = Math.Min(_keep - _bodyLength, part.Length);
        if (take <= 0)
        {
            return;
        }

        if (_bodyLength + take > _body.Length)
        {
            Array.Resize(ref _body, Math.Min(_keep, Math.Max(_body.Length * 2, _bodyLength + take)));
        }

        part[..take].CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += take;
    }

    private void EndFrame()
    {
        _inBody = false;
        if (_dropping)
        {
            DroppedBytes += _frameLength;
            ResetBody();
            return;
        }

        _emitted += _frameLength;
        var cut = _frameLength - _bodyLength;
        string text;
        if (cut == 0)
        {
            text = Decode(_bodyLength, trimNewline: true);
        }
        else
        {
            var kept = CharacterBoundary(_bodyLength);
            DroppedBytes += _frameLength - kept;
            text = Decode(kept, trimNewline: false)
                + string.Create(CultureInfo.InvariantCulture, $" … [line truncated: {_frameLength - kept} more bytes]");
        }

        ResetBody();
        Emit(text, _level, _time);
    }

    private void FallBackToText()
    {
        _text = new OutputLimiter(line => _onRecord(new OutputRecord(line)), MaxRecordBytes, MaxInvocationBytes);
        Emit("[telemetry log stream: not a log frame; the rest of this stream is read as text lines]", null, null);
        _text.Write(_header.AsSpan(0, _headerLength));
        _headerLength = 0;
        ResetBody();
    }

    private string Decode(int length, bool trimNewline)
    {
        if (trimNewline && length > 0 && _body[length - 1] == '\n')
        {
            length--;
        }

        return Encoding.UTF8.GetString(_body, 0, length);
    }

    /// <summary>Where a cut must fall so that no character is split (a split one would decode as U+FFFD).</summary>
    private int CharacterBoundary(int length)
    {
        var lead = length - 1;
        while (lead >= 0 && length - lead < 4 && (_body[lead] & 0xC0) == 0x80)
        {
            lead--;
        }

        if (lead < 0)
        {
            return length;
        }

        var first = _body[lead];
        var size = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return length - lead < size ? lead : length;
    }

    private DateTimeOffset TimeOf(long microseconds)
    {
        var now = _timeProvider.GetUtcNow();
        if (microseconds < 0 || microseconds > MaxMicroseconds)
        {
            return now;
        }

        var time = DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
        return (time - now).Duration() <= Plausible ? time : now;
    }

    private void Emit(string text, string? level, DateTimeOffset? time) => _onRecord(new OutputRecord(text, level, time));

    private void ResetBody()
    {
        _bodyLength = 0;
        _keep = 0;
        _dropping = false;
        _frameLength = 0;
        _remaining = 0;
        // Give back the memory of a long record so an idle environment holds a small buffer.
        if (_body.Length > 64 * 1024)
        {
            _body = new byte[4096];
        }
    }
}
