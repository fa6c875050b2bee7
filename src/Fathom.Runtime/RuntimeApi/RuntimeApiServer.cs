using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Fathom.Runtime.RuntimeApi;

/// <summary>Serves the Runtime API of one execution environment on a listening socket it is handed: a loopback
/// port today, a socket bound inside a network namespace later. One server per environment means a request id
/// from another environment is simply unknown here.
/// Each connection (a runtime keeps one open) gets its own thread doing blocking reads and writes: a request
/// wakes exactly that thread, where socket continuations on the thread pool cost two more thread switches and
/// about twice the CPU per invocation (measured in docs/benchmarks.md).</summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>The emulator's buffered response limit: 6 MiB plus 100 bytes.</summary>
    public const int MaxBodyBytes = (6 * 1024 * 1024) + 100;

    private readonly Socket _listener;
    private readonly IRuntimeApiHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    public RuntimeApiServer(Socket listener, IRuntimeApiHandler handler)
    {
        _listener = listener;
        _handler = handler;
    }

    /// <summary>The <c>host:port</c> a runtime puts after <c>http://</c>.</summary>
    public string Address => ((IPEndPoint)_listener.LocalEndPoint!).ToString();

    public static Socket BindLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(16);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start() => _acceptLoop = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (socket.ProtocolType == ProtocolType.Tcp)
            {
                // TCP only: the relay fallback's Unix socket has no Nagle to turn off, and refuses the option.
                socket.NoDelay = true;
            }

            _connections[socket] = 0;
            new Thread(() => Serve(socket)) { IsBackground = true, Name = "fathom-runtime-api" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        var connection = new RuntimeApiConnection(socket, MaxBodyBytes);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = connection.ReadRequest();
                if (request is null)
                {
                    break;
                }

                RuntimeApiResponse response;
                try
                {
                    var pending = _handler.HandleAsync(request, _stop.Token);
                    // Only /next waits (for an invocation); this thread has nothing else to do meanwhile.
                    response = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }

                var close = response.Close || request.BodyTooLarge
                    || string.Equals(request.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
                try
                {
                    connection.Write(response, close);
                }
                finally
                {
                    response.AfterWrite?.Invoke();
                }

                if (close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The runtime went away or the environment is stopping; either way this connection is done.
        }
        catch (Exception ex)
        {
            // A bug here must not take the platform down with this thread: the connection closes, the runtime
            // sees it and exits, and the environment is replaced.
            System.Diagnostics.Trace.TraceError($"Runtime API connection failed: {ex}");
        }
        finally
        {
            _connections.TryRemove(socket, out _);
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        await _acceptLoop;
        _stop.Dispose();
    }
}
