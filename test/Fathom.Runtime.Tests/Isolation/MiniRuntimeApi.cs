using System.Net.Sockets;
using System.Text;

namespace Fathom.Runtime.Tests.Isolation;

/// <summary>
/// Just enough of the Lambda Runtime API, served on a handed-in listening socket, for one invocation:
/// the first /next gets the event, the response is captured, later /next calls wait.
/// </summary>
internal sealed class MiniRuntimeApi : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _event;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private int _nextCalls;

    public MiniRuntimeApi(Socket listener, string eventJson)
    {
        _listener = listener;
        _event = eventJson;
        _loop = AcceptAsync();
    }

    public Task<string> Response => _response.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            using var stream = new NetworkStream(client);
            var buffer = new List<byte>();
            var chunk = new byte[8192];
            try
            {
                while (true)
                {
                    var headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray());
                    while (headerEnd < 0)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                        headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray());
                    }

                    var head = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]);
                    var length = head.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(h => int.Parse(h[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    while (buffer.Count < headerEnd + 4 + length)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                    }

                    var body = Encoding.UTF8.GetString([.. buffer.Skip(headerEnd + 4).Take(length)]);
                    buffer.RemoveRange(0, headerEnd + 4 + length);
                    await HandleAsync(stream, head.Split(' ')[0], head.Split(' ')[1], body);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Test over or client gone.
            }
        }
    }

    private async Task HandleAsync(NetworkStream stream, string method, string path, string body)
    {
        if (method == "GET" && path.EndsWith("/invocation/next", StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _nextCalls) > 1)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            var deadline = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
            await WriteAsync(stream, "200 OK", _event,
                $"Lambda-Runtime-Aws-Request-Id: req-1\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\n" +
                "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:000000000000:function:probe\r\nLambda-Runtime-Trace-Id: Root=1-0-0\r\n");
            return;
        }

        if (method == "POST" && path.EndsWith("/response", StringComparison.Ordinal))
        {
            _response.TrySetResult(body);
        }
        else if (method == "POST")
        {
            _response.TrySetException(new InvalidOperationException($"{path}: {body}"));
        }

        await WriteAsync(stream, "202 Accepted", "{\"status\":\"OK\"}", "");
    }

    private static async Task WriteAsync(NetworkStream stream, string status, string body, string headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{headers}Content-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
