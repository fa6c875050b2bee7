using System.Text;
using Fathom.Telemetry.Errors.Sentry;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

public sealed class SentryEnvelopeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_EventItemWithOrWithoutLength_ReadsThePayload(bool withLength)
    {
        var envelope = SentryEnvelope.Parse(SentryPayloads.Envelope("""{"message":"hi"}""", withLength));

        envelope.EventId.Should().Be(SentryPayloads.EventId);
        envelope.Items.Should().ContainSingle().Which.Type.Should().Be("event");
        Encoding.UTF8.GetString(envelope.Items[0].Payload.Span).Should().Be("""{"message":"hi"}""");
    }

    [Fact]
    public void Parse_LengthCoveringNewlines_KeepsThemInThePayload()
    {
        var data = Encoding.UTF8.GetBytes("{}\n{\"type\":\"attachment\",\"length\":5}\na\nb\nc\n{\"type\":\"event\"}\n{\"message\":\"m\"}");

        var envelope = SentryEnvelope.Parse(data);

        envelope.Items.Select(i => i.Type).Should().Equal("attachment", "event");
        Encoding.UTF8.GetString(envelope.Items[0].Payload.Span).Should().Be("a\nb\nc");
        Encoding.UTF8.GetString(envelope.Items[1].Payload.Span).Should().Be("""{"message":"m"}""");
    }

    [Fact]
    public void Parse_OtherItemTypesAndHeaderOnly_AreAccepted()
    {
        var data = Encoding.UTF8.GetBytes("{\"dsn\":\"http://k@h/1\"}\n{\"type\":\"session\"}\n{\"sid\":\"x\"}\n{\"type\":\"client_report\"}\n{}\n{\"type\":\"brand_new\"}\n{}\n");

        var envelope = SentryEnvelope.Parse(data);

        envelope.Dsn.Should().Be("http://k@h/1");
        envelope.Items.Select(i => i.Type).Should().Equal("session", "client_report", "brand_new");
        SentryEnvelope.Parse("{}"u8.ToArray()).Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "envelope header is not valid JSON")]
    [InlineData("[1]\n", "envelope header is not a JSON object")]
    [InlineData("{}\n{\"length\":2}\n{}", "item 1 has no type")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":99}\n{}", "item 1 claims 99 bytes but the envelope has 2 left")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":1}\n{}", "item 1 is not followed by a newline after its 1 bytes")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":-1}\n{}", "item 1 has an invalid length")]
    [InlineData("{}\n{\"type\":\"event\"", "item 1 header is not valid JSON")]
    public void Parse_Malformed_IsRejectedWithAReason(string text, string reason)
    {
        var parse = () => SentryEnvelope.Parse(Encoding.UTF8.GetBytes(text));

        parse.Should().Throw<SentryRejectedException>().Where(e => e.Status == 400 && e.Message == reason);
    }

    [Fact]
    public void Parse_EventItemOverOneMegabyte_IsTooLarge()
    {
        var big = "{\"message\":\"" + new string('x', SentryLimits.MaxEventBytes) + "\"}";

        var parse = () => SentryEnvelope.Parse(SentryPayloads.Envelope(big, withLength: true));

        parse.Should().Throw<SentryRejectedException>().Which.Status.Should().Be(413);
    }

    [Fact]
    public void Decode_GzipDeflateAndHeaderlessGzip_GiveTheOriginal()
    {
        var data = SentryPayloads.Envelope(SentryPayloads.Event, withLength: false);

        SentryBody.Decode(SentryPayloads.Gzip(data), "gzip").Should().Equal(data);
        SentryBody.Decode(SentryPayloads.Deflate(data), "deflate").Should().Equal(data);
        SentryBody.Decode(SentryPayloads.Gzip(data), null).Should().Equal(data);
        SentryBody.Decode(data, "identity").Should().Equal(data);
    }

    [Fact]
    public void Decode_BadGzipAndZipBomb_AreRefused()
    {
        var bomb = SentryPayloads.Gzip(new byte[SentryLimits.MaxDecompressedBytes + 1]);

        FluentActions.Invoking(() => SentryBody.Decode("not gzip at all"u8.ToArray(), "gzip"))
            .Should().Throw<SentryRejectedException>().Which.Status.Should().Be(400);
        FluentActions.Invoking(() => SentryBody.Decode(bomb, "gzip"))
            .Should().Throw<SentryRejectedException>().Which.Status.Should().Be(413);
        FluentActions.Invoking(() => SentryBody.Decode(new byte[10], "compress"))
            .Should().Throw<SentryRejectedException>().Which.Status.Should().Be(400);
    }
}
