using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Gateway.Tests.Support;

/// <summary>Sends a request head byte for byte, for what HttpClient cannot express (repeated header lines,
/// a Content-Length with no body behind it), and reads one response by its Content-Length.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> SendAsync(Uri baseUrl, string requestHead)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        var head = requestHead.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var buffer = new List<byte>();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                throw new IOException("connection closed before the response head");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var responseHead = Encoding.ASCII.GetString(buffer.GetRange(0, headEnd).ToArray());
        var lengthLine = responseHead.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        while (buffer.Count < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                break;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var body = Encoding.UTF8.GetString(buffer.GetRange(headEnd + 4, Math.Min(length, buffer.Count - headEnd - 4)).ToArray());
        var status = int.Parse(responseHead.AsSpan(9, 3), CultureInfo.InvariantCulture);
        return (status, responseHead, body);
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
