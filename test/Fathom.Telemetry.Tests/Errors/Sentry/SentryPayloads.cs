using System.IO.Compression;
using System.Text;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

/// <summary>Envelopes and events as SDKs send them.</summary>
internal static class SentryPayloads
{
    public const string EventId = "9ec79c33ec9942ab8353589fcb2e04dc";

    public const string Event = """
        {"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","timestamp":1700000000.5,"platform":"node","level":"error",
         "release":"checkout@7","environment":"production","tags":{"region":"eu"},
         "exception":{"values":[
           {"type":"Error","value":"the cause"},
           {"type":"TypeError","value":"x is undefined","stacktrace":{"frames":[
             {"filename":"node:internal/process/task_queues","function":"process.processTicksAndRejections","lineno":95,"colno":5,"in_app":false},
             {"abs_path":"/var/task/node_modules/lib/index.js","filename":"/var/task/node_modules/lib/index.js","function":"wrap","lineno":3,"colno":1,"in_app":true},
             {"abs_path":"/var/task/src/app.js","filename":"/var/task/src/app.js","function":"handler","lineno":12,"colno":9,"in_app":true}
           ]}}]},
         "sdk":{"name":"sentry.javascript.node","version":"8.0.0"}}
        """;

    public static byte[] Envelope(string eventJson, bool withLength, string header = $$"""{"event_id":"{{EventId}}"}""")
    {
        var payload = Encoding.UTF8.GetBytes(eventJson.ReplaceLineEndings(""));
        var builder = new StringBuilder(header).Append('\n');
        builder.Append(withLength ? $$"""{"type":"event","length":{{payload.Length}}}""" : """{"type":"event"}""").Append('\n');
        return [.. Encoding.UTF8.GetBytes(builder.ToString()), .. payload, (byte)'\n'];
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
