using System.Net;
using System.Net.Sockets;
using System.Text;
using Fathom.Runtime.RuntimeApi;

namespace Fathom.Runtime.Tests.RuntimeApi;

/// <summary>The HTTP/1.1 details a Runtime API client may use, sent as raw bytes over a real socket.</summary>
public sealed class RuntimeApiServerTests
{
    [Fact]
    public async Task Request_ExpectContinue_GetsOneHundredThenTheAnswer()
    {
        var handler = new RecordingHandler();
        await using var server = Start(handler);
        using var client = await ConnectAsync(server);

        await SendAsync(client, "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        var interim = await ReadAsync(client, "\r\n\r\n");
        await SendAsync(client, "hello");
        var final = await ReadAsync(client, "{\"status\":\"OK\"}");

        interim.Should().StartWith("HTTP/1.1 100 Continue");
        final.Should().StartWith("HTTP/1.1 202 Accepted");
        handler.Bodies.Should().Equal("hello");
    }

    [Fact]
    public async Task Request_ChunkedWithTrailers_BodyAndTrailersReachTheHandler()
    {
        var handler = new RecordingHandler();
        await using var server = Start(handler);
        using var client = await ConnectAsync(server);

        await SendAsync(client, "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nLambda-Runtime-Function-Error-Type: Custom.Boom\r\n\r\n");
        var answer = await ReadAsync(client, "{\"status\":\"OK\"}");

        answer.Should().StartWith("HTTP/1.1 202");
        handler.Bodies.Should().Equal("hello world");
        handler.Trailers.Should().Equal("Custom.Boom");
    }

    [Fact]
    public async Task Connection_KeepAlive_ServesRequestsInTurn()
    {
        var handler = new RecordingHandler();
        await using var server = Start(handler);
        using var client = await ConnectAsync(server);

        for (var i = 0; i < 3; i++)
        {
            await SendAsync(client, $"POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\n{i}");
            await ReadAsync(client, "{\"status\":\"OK\"}");
        }

        handler.Bodies.Should().Equal("0", "1", "2");
    }

    [Fact]
    public async Task Request_BodyOverTheLimit_HandlerToldAndConnectionClosed()
    {
        var handler = new RecordingHandler();
        await using var server = Start(handler);
        using var client = await ConnectAsync(server);

        await SendAsync(client, $"POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: {RuntimeApiServer.MaxBodyBytes + 1}\r\n\r\n");
        var answer = await ReadToEndAsync(client);

        answer.Should().StartWith("HTTP/1.1 202").And.Contain("Connection: close");
        handler.TooLarge.Should().Be(1);
    }

    [Fact]
    public async Task Request_Malformed_BadRequestAndClosed()
    {
        await using var server = Start(new RecordingHandler());
        using var client = await ConnectAsync(server);

        await SendAsync(client, "NONSENSE\r\n\r\n");
        var answer = await ReadToEndAsync(client);

        answer.Should().StartWith("HTTP/1.1 400 Bad Request");
    }

    private static RuntimeApiServer Start(IRuntimeApiHandler handler)
    {
        var server = new RuntimeApiServer(RuntimeApiServer.BindLoopback(), handler);
        server.Start();
        return server;
    }

    private static async Task<Socket> ConnectAsync(RuntimeApiServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPEndPoint.Parse(server.Address), TestContext.Current.CancellationToken);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, TestContext.Current.CancellationToken);

    private static async Task<string> ReadAsync(Socket socket, string until)
    {
        var received = new StringBuilder();
        var buffer = new byte[1];
        while (!received.ToString().Contains(until, StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken) == 0)
            {
                break;
            }

            received.Append((char)buffer[0]);
        }

        return received.ToString();
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken)) > 0)
        {
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    private sealed class RecordingHandler : IRuntimeApiHandler
    {
        public List<string> Bodies { get; } = [];

        public List<string> Trailers { get; } = [];

        public int TooLarge { get; private set; }

        public ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken cancellationToken)
        {
            if (request.BodyTooLarge)
            {
                TooLarge++;
            }
            else
            {
                Bodies.Add(Encoding.UTF8.GetString(request.Body.Span));
            }

            if (request.Trailers?.GetValueOrDefault("Lambda-Runtime-Function-Error-Type") is { } type)
            {
                Trailers.Add(type);
            }

            return ValueTask.FromResult(RuntimeApiResponse.Accepted);
        }
    }
}
