using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Ingest;

public sealed class RedactorTests
{
    [Fact]
    public void SecretNamedFields_InJsonAndText_AreMasked_OtherFieldsKept()
    {
        var redactor = new Redactor(new NoSecretValues());

        var record = redactor.Redact(Record(
            "login password=hunter2 user=ann Authorization: Bearer abc.def",
            """{"user":"ann","password":"hunter2","nested":{"apiKey":"k-123"},"count":3}"""));

        record.Message.Should().Be("login password=[redacted] user=ann Authorization: [redacted]");
        record.Fields.Should().Be("""{"user":"ann","password":"[redacted]","nested":{"apiKey":"[redacted]"},"count":3}""");
    }

    [Fact]
    public void SecretValues_AsWritten_JsonEscaped_AndBase64_AreMasked()
    {
        var redactor = new Redactor(new Values("s3cr\"et-value"));

        var record = redactor.Redact(Record(
            "raw s3cr\"et-value, escaped s3cr\\\"et-value, encoded " + Convert.ToBase64String("s3cr\"et-value"u8.ToArray()),
            null));

        record.Message.Should().Be("raw [redacted], escaped [redacted], encoded [redacted]");
    }

    [Fact]
    public void OrdinaryRecords_AreReturnedUnchanged()
    {
        var redactor = new Redactor(new NoSecretValues());
        var record = Record("hello world", """{"a":1}""");

        redactor.Redact(record).Should().BeSameAs(record);
    }

    private static LogRecord Record(string message, string? fields) => LogLines.Line(message, fields: fields);

    private sealed class Values(params string[] values) : ISecretValues
    {
        public IReadOnlyList<string> Current => values;
    }
}
