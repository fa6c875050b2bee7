using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>Sends a request head byte for byte, for what HttpClient cannot express (a header repeated on separate
/// lines), and reads the one response by its Content-Length.</summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
    {
        public string? Header(string name) =>
            Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        public override string ToString() => $"{Status} {Body}";
    }

    public static async Task<Response> SendAsync(Uri baseUrl, string requestHead, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port, cancellationToken);
        var stream = client.GetStream();
        var head = requestHead.ReplaceLineEndings("\r\n").TrimEnd() + $"\r\nHost: {baseUrl.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);

        // Connection: close lets the response be read to the end of the stream.
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var headEnd = IndexOfHeadEnd(bytes);
        if (headEnd < 0)
        {
            throw new IOException("the connection closed before a whole response head arrived: " + Encoding.ASCII.GetString(bytes));
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, headEnd).Split("\r\n");
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        var status = int.Parse(lines[0].AsSpan(9, 3), CultureInfo.InvariantCulture);
        return new Response(status, headers, Encoding.UTF8.GetString(bytes, headEnd + 4, bytes.Length - headEnd - 4));
    }

    private static int IndexOfHeadEnd(byte[] bytes) => bytes.AsSpan().IndexOf("\r\n\r\n"u8);
}
