using System.Buffers;
using System.Globalization;
using System.Text;
using Fathom.Apps.Config;

namespace Fathom.Telemetry.Logs.Forwarding.Syslog;

/// <summary>
/// Writes records as RFC 5424 messages, each framed for TCP by octet counting (RFC 6587 3.4.1, <c>LEN SP MSG</c>), so a
/// multi-line message such as a stack trace stays one message:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME - MSGID [fathom@32473 app=".." env=".." ...] BOM MSG</c>.
/// </summary>
internal static class Rfc5424Formatter
{
    /// <summary>The SD-ID of Fathom's structured data. 32473 is the enterprise number RFC 5612 reserves for
    /// documentation and examples; a private number can replace it without changing receivers' parsing.</summary>
    public const string SdId = "fathom@32473";

    /// <summary>Longest MSG (in UTF-8 bytes) written; longer messages are cut on a character boundary. rsyslog's default
    /// <c>maxMessageSize</c> is 8 KB: docs/logs.md tells how to raise it.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static void WriteFramed(IBufferWriter<byte> output, LogRecord record, SyslogFacility facility, string hostname)
    {
        var message = Format(record, facility, hostname);
        var length = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        output.Write(length);
        output.Write(message);
    }

    public static byte[] Format(LogRecord record, SyslogFacility facility, string hostname)
    {
        var header = new StringBuilder(256);
        var pri = ((int)facility * 8) + LogSeverity.SyslogSeverity(record.Level);
        header.Append(CultureInfo.InvariantCulture, $"<{pri}>1 ");
        header.Append(record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
        header.Append(hostname).Append(' ');
        header.Append(Field(record.Function, 48)).Append(' ');
        header.Append("- ");
        header.Append(Field(record.Stream, 32)).Append(' ');
        AppendStructuredData(header, record);
        header.Append(' ');

        var text = record.Invocation is { } summary ? InvocationReport.Text(record, summary) : record.Message;
        var headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        var textBytes = Encoding.UTF8.GetBytes(text);
        var textLength = Math.Min(textBytes.Length, MaxMessageBytes);
        while (textLength < textBytes.Length && textLength > 0 && (textBytes[textLength] & 0xC0) == 0x80)
        {
            textLength--;
        }

        var message = new byte[headerBytes.Length + Bom.Length + textLength];
        headerBytes.CopyTo(message, 0);
        Bom.CopyTo(message, headerBytes.Length);
        Array.Copy(textBytes, 0, message, headerBytes.Length + Bom.Length, textLength);
        return message;
    }

    /// <summary>A header field: PRINTUSASCII only (anything else becomes <c>_</c>), cut to <paramref name="max"/>,
    /// and <c>-</c> (the NILVALUE) when empty.</summary>
    public static string Field(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Length > max ? value[..max].ToCharArray() : value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < '!' or > '~')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static void AppendStructuredData(StringBuilder output, LogRecord record)
    {
        output.Append('[').Append(SdId);
        Param(output, "app", record.App);
        Param(output, "env", record.Environment);
        Param(output, "version", record.Version);
        Param(output, "requestId", record.RequestId);
        Param(output, "qualifier", record.Qualifier);
        Param(output, "source", record.Source);
        Param(output, "traceId", record.TraceId);
        Param(output, "spanId", record.SpanId);
        if (record.Invocation is { } summary)
        {
            foreach (var (name, value) in InvocationReport.Fields(summary))
            {
                Param(output, name, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        output.Append(']');
    }

    /// <summary>One SD-PARAM; the value escapes <c>"</c>, <c>\</c> and <c>]</c> with a backslash (RFC 5424 6.3.3).</summary>
    private static void Param(StringBuilder output, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        output.Append(' ').Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        output.Append('"');
    }
}
