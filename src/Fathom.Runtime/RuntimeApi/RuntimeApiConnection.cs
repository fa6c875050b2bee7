using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Runtime.RuntimeApi;

/// <summary>A strict HTTP/1.1 reader and writer over one keep-alive socket: the request line, headers,
/// Content-Length or chunked bodies (with trailers) and <c>Expect: 100-continue</c>. Nothing more is needed
/// by Runtime API clients, which keeps a request at a few microseconds.</summary>
internal sealed class RuntimeApiConnection(Socket socket, int maxBodyBytes)
{
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads the next request; null when the peer closed the connection or sent something malformed
    /// (a malformed request has already been answered with 400).</summary>
    public async ValueTask<RuntimeApiRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while (true)
        {
            // Tolerate empty lines between requests (RFC 9112 section 2.2).
            while (_end - _start >= 2 && _buffer[_start] == '\r' && _buffer[_start + 1] == '\n')
            {
                _start += 2;
            }

            headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (headerEnd >= 0)
            {
                break;
            }

            if (_end - _start >= MaxHeaderBytes)
            {
                await WriteAsync(RuntimeApiResponse.Error(431, "RequestHeaderFieldsTooLarge", "Request headers too large", close: true), true, cancellationToken);
                return null;
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        var request = ParseHead(_buffer.AsSpan(_start, headerEnd));
        _start += headerEnd + 4;
        if (request is null)
        {
            await WriteAsync(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Malformed HTTP request", close: true), true, cancellationToken);
            return null;
        }

        if (request.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            await SendContinueAsync(request, cancellationToken);
            if (!await ReadChunkedBodyAsync(request, cancellationToken))
            {
                return null;
            }
        }
        else if (request.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, out var length) || length < 0)
            {
                await WriteAsync(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Invalid Content-Length", close: true), true, cancellationToken);
                return null;
            }

            if (length > maxBodyBytes)
            {
                // The body is left unread; the response closes the connection instead.
                request.BodyTooLarge = true;
                return request;
            }

            await SendContinueAsync(request, cancellationToken);
            var body = await ReadExactAsync((int)length, cancellationToken);
            if (body is null)
            {
                return null;
            }

            request.Body = body;
        }

        return request;
    }

    public async ValueTask WriteAsync(RuntimeApiResponse response, bool close, CancellationToken cancellationToken)
    {
        var head = new StringBuilder(256)
            .Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(Reason(response.Status)).Append("\r\n")
            .Append("Content-Type: ").Append(response.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        var headLength = Encoding.ASCII.GetByteCount(head.ToString());
        if (response.Body.Length <= 32 * 1024)
        {
            var rented = ArrayPool<byte>.Shared.Rent(headLength + response.Body.Length);
            try
            {
                Encoding.ASCII.GetBytes(head.ToString(), rented);
                response.Body.Span.CopyTo(rented.AsSpan(headLength));
                await SendAllAsync(rented.AsMemory(0, headLength + response.Body.Length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        else
        {
            await SendAllAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            await SendAllAsync(response.Body, cancellationToken);
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    private async ValueTask SendContinueAsync(RuntimeApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await SendAllAsync(Continue, cancellationToken);
        }
    }

    private static RuntimeApiRequest? ParseHead(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[1].Length == 0)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        var path = requestLine[1];
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        return new RuntimeApiRequest { Method = requestLine[0], Path = path, Headers = headers };
    }

    private async ValueTask<bool> ReadChunkedBodyAsync(RuntimeApiRequest request, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            if (sizeLine is null)
            {
                return false;
            }

            var extension = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (extension >= 0 ? sizeLine[..extension] : sizeLine).Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            {
                await WriteAsync(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Invalid chunk size", close: true), true, cancellationToken);
                return false;
            }

            if (size == 0)
            {
                break;
            }

            if ((long)body.WrittenCount + size > maxBodyBytes)
            {
                request.BodyTooLarge = true;
                return true;
            }

            var chunk = await ReadExactAsync(size, cancellationToken);
            if (chunk is null || await ReadLineAsync(cancellationToken) is not "")
            {
                return false;
            }

            body.Write(chunk);
        }

        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } trailer)
        {
            var colon = trailer.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                request.Trailers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                request.Trailers[trailer[..colon].Trim()] = trailer[(colon + 1)..].Trim();
            }
        }

        request.Body = body.WrittenMemory;
        return true;
    }

    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, end);
                _start += end + 2;
                return line;
            }

            if (_end - _start >= MaxHeaderBytes || !await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    private async ValueTask<byte[]?> ReadExactAsync(int length, CancellationToken cancellationToken)
    {
        var result = new byte[length];
        var buffered = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(result);
        _start += buffered;
        var filled = buffered;
        while (filled < length)
        {
            var read = await socket.ReceiveAsync(result.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        return result;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += read;
        return read > 0;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Request Entity Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Unknown",
    };
}
