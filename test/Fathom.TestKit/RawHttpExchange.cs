using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fathom.TestKit;

/// <summary>One HTTP/1.x request sent byte for byte over a fresh connection, for what HttpClient refuses to send
/// (bad chunking, invalid UTF-8, odd methods), and the one response read back within a deadline.</summary>
public static class RawHttpExchange
{
    /// <summary>The request as text whose characters are bytes (<c>\u00FF</c> is the byte 0xFF), so invalid UTF-8
    /// can be written inline. Lone <c>\n</c> line ends become <c>\r\n</c> only in the head.</summary>
    public static byte[] Bytes(string requestText)
    {
        var headEnd = requestText.IndexOf("\n\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? requestText : requestText[..(headEnd + 2)];
        var body = headEnd < 0 ? "" : requestText[(headEnd + 2)..];
        return Encoding.Latin1.GetBytes(head.ReplaceLineEndings("\r\n") + body);
    }

    /// <summary>Sends <paramref name="request"/> and reads one response. With <paramref name="closeAfterSending"/> the
    /// client shuts its sending side after the request, as a client that disconnects mid-body would.</summary>
    /// <returns>The response, or null when the server closed the connection without answering.</returns>
    /// <exception cref="TimeoutException">No whole response (and no close) within <paramref name="deadline"/>.</exception>
    public static async Task<RawHttpResponse?> SendAsync(Uri baseUrl, byte[] request, TimeSpan deadline, bool closeAfterSending = false)
    {
        using var cts = new CancellationTokenSource(deadline);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(baseUrl.Host, baseUrl.Port, cts.Token);
            var stream = client.GetStream();
            try
            {
                await stream.WriteAsync(request, cts.Token);
                if (closeAfterSending)
                {
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (IOException)
            {
                // The server may answer and close before reading everything (a refused head); read what it said.
            }

            return await ReadAsync(stream, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"no response within {deadline.TotalSeconds:0.#} s");
        }
    }

    private static async Task<RawHttpResponse?> ReadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[16 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8, 0)) < 0)
        {
            if (await ReadSomeAsync(stream, chunk, buffer, cancellationToken) == 0)
            {
                return null;
            }
        }

        var head = Encoding.Latin1.GetString([.. buffer.GetRange(0, headEnd)]);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].AsSpan(9, 3), CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
        var bodyStart = headEnd + 4;
        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
            while (buffer.Count < bodyStart + length && await ReadSomeAsync(stream, chunk, buffer, cancellationToken) > 0)
            {
            }
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (IndexOf(buffer, "0\r\n\r\n"u8, bodyStart) < 0 && await ReadSomeAsync(stream, chunk, buffer, cancellationToken) > 0)
            {
            }
        }
        else if (status is not (204 or 304) and >= 200)
        {
            while (await ReadSomeAsync(stream, chunk, buffer, cancellationToken) > 0)
            {
            }
        }

        var body = Encoding.UTF8.GetString([.. buffer.Skip(bodyStart)]);
        return new RawHttpResponse(status, headers, body);
    }

    private static async Task<int> ReadSomeAsync(NetworkStream stream, byte[] chunk, List<byte> buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await stream.ReadAsync(chunk, cancellationToken);
        }
        catch (IOException)
        {
            // A reset after the server answered and closed counts as the end of the stream.
            return 0;
        }

        buffer.AddRange(chunk.AsSpan(0, read));
        return read;
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> value, int start)
    {
        for (var i = start; i + value.Length <= buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < value.Length && match; j++)
            {
                match = buffer[i + j] == value[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
