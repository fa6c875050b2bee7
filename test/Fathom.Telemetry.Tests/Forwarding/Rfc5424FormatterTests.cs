using System.Buffers;
using System.Text;
using Fathom.Apps.Config;
using Fathom.Telemetry.Logs.Forwarding.Syslog;

namespace Fathom.Telemetry.Tests.Forwarding;

public sealed class Rfc5424FormatterTests
{
    [Fact]
    public void WriteFramed_PrefixesTheMessageWithItsLengthInBytes()
    {
        var output = new ArrayBufferWriter<byte>();

        Rfc5424Formatter.WriteFramed(output, TestRecords.Line("ü✓"), SyslogFacility.User, "host");

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        int.Parse(text[..space], System.Globalization.CultureInfo.InvariantCulture).Should().Be(output.WrittenCount - space - 1);
        text.Should().EndWith(" \uFEFFü✓");
    }

    [Theory]
    [InlineData("my function", "my_function")]
    [InlineData("fünf", "f_nf")]
    [InlineData("", "-")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f", "a123456789b123456789c123456789d123456789e1234567")]
    public void Format_AppName_IsPrintableAsciiOfAtMost48(string function, string appName)
    {
        var message = Encoding.UTF8.GetString(Rfc5424Formatter.Format(TestRecords.Line("x", function: function), SyslogFacility.User, "host"));

        message.Split(' ')[3].Should().Be(appName);
    }

    [Fact]
    public void Format_LongMessage_IsCutOnACharacterBoundary()
    {
        var record = TestRecords.Line("a" + new string('✓', Rfc5424Formatter.MaxMessageBytes));

        var message = Rfc5424Formatter.Format(record, SyslogFacility.User, "host");

        var text = Encoding.UTF8.GetString(message);
        text.Should().NotContain("\uFFFD");
        var body = text[(text.IndexOf('\uFEFF', StringComparison.Ordinal) + 1)..];
        Encoding.UTF8.GetByteCount(body).Should().BeInRange(Rfc5424Formatter.MaxMessageBytes - 2, Rfc5424Formatter.MaxMessageBytes);
    }
}
