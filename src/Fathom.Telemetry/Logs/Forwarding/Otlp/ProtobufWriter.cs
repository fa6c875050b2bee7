using System.Buffers.Binary;
using System.Text;

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>
/// The protobuf wire format, as much of it as OTLP logs need: varints, little-endian fixed64, and length-delimited
/// fields. A nested message's length is known only once it is written, so <see cref="EndMessage"/> moves the
/// message's bytes along to make room for its length prefix; messages here are small, so the copies are too.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;

    private readonly Stack<int> _starts = new();
    private byte[] _buffer;
    private int _length;

    public ProtobufWriter(int capacity = 4096) => _buffer = new byte[capacity];

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => Written.ToArray();

    public void BeginMessage(int field)
    {
        WriteTag(field, LengthDelimitedType);
        _starts.Push(_length);
    }

    public void EndMessage()
    {
        var start = _starts.Pop();
        var length = _length - start;
        var prefix = VarintSize((ulong)length);
        Ensure(prefix);
        Buffer.BlockCopy(_buffer, start, _buffer, start + prefix, length);
        var end = _length;
        _length = start;
        WriteVarint((ulong)length);
        _length = end + prefix;
    }

    /// <summary>A string field; proto3 leaves empty strings out, and so does this.</summary>
    public void String(int field, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteTag(field, LengthDelimitedType);
        WriteVarint((ulong)bytes);
        Ensure(bytes);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>A string field written even when empty: inside a <c>oneof</c> (AnyValue) presence is the value.</summary>
    public void StringAlways(int field, string value)
    {
        if (value.Length == 0)
        {
            WriteTag(field, LengthDelimitedType);
            WriteVarint(0);
            return;
        }

        String(field, value);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Varint(int field, ulong value)
    {
        WriteTag(field, VarintType);
        WriteVarint(value);
    }

    /// <summary>An <c>int64</c>: negative numbers are their two's complement as a 10-byte varint.</summary>
    public void Int64(int field, long value) => Varint(field, unchecked((ulong)value));

    public void Fixed64(int field, ulong value)
    {
        WriteTag(field, Fixed64Type);
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Double(int field, double value) => Fixed64(field, BitConverter.DoubleToUInt64Bits(value));

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
