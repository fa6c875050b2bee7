using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Runtime.RuntimeApi;

/// <summary>A strict HTTP/1.1 reader and writer over one keep-alive socket: the request line, headers,
/// Content-Length or chunked bodies (with trailers) and <c>Expect: 100-continue</c>. Nothing more is needed
/// by Runtime API clients, which keeps a request at a few microseconds. It is synchronous on purpose: each
/// connection has its own thread (see <see cref="RuntimeApiServer"/>).</summary>
internal sealed class RuntimeApiConnection(Socket socket, int maxBodyBytes)
{
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads the next request; null when the peer closed the connection or sent something malformed
    /// (a malformed request has already been answered with 400).</summary>
    public RuntimeApiRequest? ReadRequest()
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
                Write(RuntimeApiResponse.Error(431, "RequestHeaderFieldsTooLarge", "Request headers too large", close: true), true);
                return null;
            }

            if (!Fill())
            {
                return null;
            }
        }

        var request = ParseHead(_buffer.AsSpan(_start, headerEnd));
        _start += headerEnd + 4;
        if (request is null)
        {
            Write(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Malformed HTTP request", close: true), true);
            return null;
        }

        if (request.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            SendContinue(request);
            if (!ReadChunkedBody(request))
            {
                return null;
            }
        }
        else if (request.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, out var length) || length < 0)
            {
                Write(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Invalid Content-Length", close: true), true);
                return null;
            }

            if (length > maxBodyBytes)
            {
                // The body is left unread; the response closes the connection instead.
                request.BodyTooLarge = true;
                return request;
            }

            SendContinue(request);
            var body = ReadExact((int)length);
            if (body is null)
            {
                return null;
            }

            request.Body = body;
        }

        return request;
    }

    public void Write(RuntimeApiResponse response, bool close)
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
                SendAll(rented.AsSpan(0, headLength + response.Body.Length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        else
        {
            SendAll(Encoding.ASCII.GetBytes(head.ToString()));
            SendAll(response.Body.Span);
        }
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = socket.Send(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    private void SendContinue(RuntimeApiRequest request)
    {
        if (request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            SendAll(Continue);
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
        var queryString = "";
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            queryString = path[(query + 1)..];
            path = path[..query];
        }

        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        return new RuntimeApiRequest { Method = requestLine[0], Path = path, Query = queryString, Headers = headers };
    }

    private bool ReadChunkedBody(RuntimeApiRequest request)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var sizeLine = ReadLine();
            if (sizeLine is null)
            {
                return false;
            }

            var extension = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (extension >= 0 ? sizeLine[..extension] : sizeLine).Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            {
                Write(RuntimeApiResponse.Error(400, "InvalidRequestFormat", "Invalid chunk size", close: true), true);
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

            var chunk = ReadExact(size);
            if (chunk is null || ReadLine() is not "")
            {
                return false;
            }

            body.Write(chunk);
        }

        while (ReadLine() is { Length: > 0 } trailer)
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

    private string? ReadLine()
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

            if (_end - _start >= MaxHeaderBytes || !Fill())
            {
                return null;
            }
        }
    }

    private byte[]? ReadExact(int length)
    {
        var result = new byte[length];
        var buffered = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(result);
        _start += buffered;
        var filled = buffered;
        while (filled < length)
        {
            var read = socket.Receive(result.AsSpan(filled), SocketFlags.None);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        return result;
    }

    private bool Fill()
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

        var read = socket.Receive(_buffer.AsSpan(_end), SocketFlags.None);
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
