using System.Buffers.Binary;
using System.Text;
using Fathom.Runtime.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Runtime.Tests.Logging;

/// <summary>The frames the Node runtime client writes to <c>_LAMBDA_TELEMETRY_LOG_FD</c>, byte for byte as it writes
/// them (dist/index.mjs, logTextToFd and logJsonToFd), and what a hostile function might write instead.</summary>
public sealed class LogFrameDecoderTests
{
    private const uint Text = 0xA55A0003;
    private const uint Json = 0xA55A0002;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    private readonly List<OutputRecord> _records = [];
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void Write_TextFrameWithStackTrace_IsOneRecordWithLevelTimeAndNewlines()
    {
        var decoder = Decoder();
        var written = Now.AddMilliseconds(-1500);
        var message = "2026-12-07T14:59:58.500Z\tc0ffee00-1111-2222-3333-444455556666\tERROR\tError: boom\n    at a (/var/task/index.js:1:1)\n    at b (/var/task/index.js:2:2)\n";

        decoder.Write(Frame(Text | 20, message, written));

        _records.Should().ContainSingle();
        _records[0].Text.Should().Be(message[..^1], "the final newline goes, the ones inside stay");
        _records[0].Level.Should().Be("ERROR");
        _records[0].Time.Should().Be(written);
    }

    [Theory]
    [InlineData(4u, "TRACE")]
    [InlineData(8u, "DEBUG")]
    [InlineData(12u, "INFO")]
    [InlineData(16u, "WARN")]
    [InlineData(20u, "ERROR")]
    [InlineData(24u, "FATAL")]
    [InlineData(0u, null)]
    public void Write_LevelMask_NamesTheLevel(uint mask, string? level)
    {
        var decoder = Decoder();

        decoder.Write(Frame(Json | mask, """{"level":"x"}""", Now));

        _records.Should().ContainSingle().Which.Level.Should().Be(level);
    }

    [Fact]
    public void Write_FramesSplitAcrossChunksAtEveryByte_AreReassembled()
    {
        var decoder = Decoder();
        var bytes = Frame(Text | 12, "first\n", Now).Concat(Frame(Text | 16, "second\nline\n", Now)).ToArray();

        foreach (var b in bytes)
        {
            decoder.Write([b]);
        }

        _records.Select(r => (r.Text, r.Level)).Should().Equal(("first", "INFO"), ("second\nline", "WARN"));
    }

    [Fact]
    public void Write_FrameLongerThanCap_IsCutMarkedAndTheNextFrameStillReads()
    {
        var decoder = Decoder(maxRecordBytes: 10);

        decoder.Write(Frame(Text | 12, "0123456789abcdef", Now));
        decoder.Write(Frame(Text | 12, "next\n", Now));

        _records.Select(r => r.Text).Should().Equal("0123456789 … [line truncated: 6 more bytes]", "next");
        decoder.DroppedBytes.Should().Be(6);
        decoder.Framed.Should().BeTrue();
    }

    [Fact]
    public void Write_CutInsideAMultiByteCharacter_CutsBeforeIt()
    {
        var decoder = Decoder(maxRecordBytes: 5);

        decoder.Write(Frame(Text | 12, "abcd€€", Now)); // € is three bytes: the cap falls inside the first one

        _records.Should().ContainSingle().Which.Text.Should().Be("abcd … [line truncated: 6 more bytes]");
    }

    [Fact]
    public void Write_FrameOverTheInvocationBudget_IsSkippedAsItStreamsByAndFramingGoesOn()
    {
        var decoder = Decoder(maxRecordBytes: 64, maxInvocationBytes: 1024);

        decoder.Write(Frame(Text | 12, new string('x', 100_000), Now));
        decoder.StartInvocation();
        decoder.Write(Frame(Text | 12, "next\n", Now));

        _records.Select(r => r.Text).Should().Equal("[output truncated: this invocation reached the limit of 1024 bytes]", "next");
        decoder.Framed.Should().BeTrue();
    }

    [Fact]
    public void StartInvocation_WhileASkippedFrameStreamsBy_TheFrameStaysSkipped()
    {
        var decoder = Decoder(maxRecordBytes: 64, maxInvocationBytes: 1024);
        var frame = Frame(Text | 12, new string('x', 5000), Now);

        decoder.Write(frame.AsSpan(0, 2000));
        decoder.StartInvocation();
        decoder.Write(frame.AsSpan(2000));
        decoder.Write(Frame(Text | 12, "next\n", Now));

        _records.Select(r => r.Text).Should().Equal("[output truncated: this invocation reached the limit of 1024 bytes]", "next");
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-5)]
    public void Write_LengthNoRecordCouldHave_IsNotAFrameAndWhatFollowsArrivesAsText(int length)
    {
        var decoder = Decoder();

        decoder.Write(Header(Text | 12, length, Now));
        decoder.Write("\nafter\n"u8);

        decoder.Framed.Should().BeFalse();
        _records.Select(r => r.Text).Should().EndWith("after");
    }

    [Fact]
    public void Write_BadMagic_MarksAndReadsTheRestAsTextLines()
    {
        var decoder = Decoder();

        decoder.Write(Frame(Text | 12, "framed\n", Now));
        decoder.Write("this is not a frame at all\nsecond line\n"u8);
        decoder.Write(Frame(Text | 12, "late\n", Now));
        decoder.Flush();

        decoder.Framed.Should().BeFalse();
        _records[0].Text.Should().Be("framed");
        _records[1].Text.Should().StartWith("[telemetry log stream: not a log frame");
        _records.Skip(2).Select(r => r.Text).Should().StartWith(["this is not a frame at all", "second line"]);
        _records[^1].Text.Should().EndWith("late", "later frames arrive as text, header bytes and all");
        _records.Skip(1).Should().OnlyContain(r => r.Level == null && r.Time == null);
    }

    [Fact]
    public void Write_PastInvocationBudget_DropsWithOneMarkerUntilTheNextInvocation()
    {
        var decoder = Decoder(maxInvocationBytes: 20);

        for (var i = 0; i < 5; i++)
        {
            decoder.Write(Frame(Text | 12, "line-of-9\n", Now));
        }

        decoder.StartInvocation();
        decoder.Write(Frame(Text | 12, "fresh\n", Now));

        _records.Select(r => r.Text).Should().Equal("line-of-9", "line-of-9", "[output truncated: this invocation reached the limit of 20 bytes]", "fresh");
    }

    [Fact]
    public void Write_TimestampFarFromTheClock_TakesTheClock()
    {
        var decoder = Decoder();

        var beyondAnyDate = Header(Text | 12, 0, Now);
        BinaryPrimitives.WriteInt64BigEndian(beyondAnyDate.AsSpan(8), long.MaxValue);

        decoder.Write(Frame(Text | 12, "from 1970\n", DateTimeOffset.UnixEpoch));
        decoder.Write(beyondAnyDate);

        _records.Should().HaveCount(2).And.OnlyContain(r => r.Time == Now);
    }

    [Fact]
    public void Flush_WriterDiedMidFrame_HandsOverWhatArrived()
    {
        var decoder = Decoder();
        var frame = Frame(Text | 20, "half of a message\n", Now);

        decoder.Write(frame.AsSpan(0, frame.Length - 6));
        decoder.Flush();

        _records.Should().ContainSingle().Which.Text.Should().Be("half of a me … [record cut short: 6 bytes never arrived]");
    }

    private LogFrameDecoder Decoder(int maxRecordBytes = 256 * 1024, long maxInvocationBytes = 8 * 1024 * 1024) =>
        new(_records.Add, _time, maxRecordBytes, maxInvocationBytes);

    private static byte[] Frame(uint type, string message, DateTimeOffset time)
    {
        var body = Encoding.UTF8.GetBytes(message);
        return [.. Header(type, body.Length, time), .. body];
    }

    private static byte[] Header(uint type, int length, DateTimeOffset time)
    {
        var header = new byte[LogFrameDecoder.HeaderBytes];
        BinaryPrimitives.WriteUInt32BigEndian(header, type);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), length);
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(8), (time - DateTimeOffset.UnixEpoch).Ticks / 10);
        return header;
    }
}
