using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>A minimal OTLP/HTTP logs receiver on real Kestrel (127.0.0.1, a free port), answering what the test says.
/// It can be stopped entirely and started again on the same port, as a collector that restarts would be.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    /// <summary>An answer that never comes: the request waits until the client gives up.</summary>
    public const int Hang = -1;

    private WebApplication? _app;

    private OtlpReceiver()
    {
    }

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1/logs");

    /// <summary>The status to answer the next request with.</summary>
    public Func<int> Status { get; set; } = () => 200;

    /// <summary>A <c>Retry-After</c> value sent with 429 and 503 answers.</summary>
    public string? RetryAfter { get; set; }

    public ConcurrentQueue<ReceivedExport> Received { get; } = new();

    /// <summary>The exports answered with 2xx, in arrival order: what the forwarder may count as delivered.</summary>
    public IReadOnlyList<ReceivedExport> Accepted => Received.Where(r => r.Status is >= 200 and < 300).ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver.StartOnAsync(0);
        return receiver;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the port it had.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/v1/logs", HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var status = Status();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue(new ReceivedExport(context.Request.ContentType, headers, body.ToArray(), status));
        if (status == Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = status;
        if (status is 429 or 503 && RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (status is >= 200 and < 300)
        {
            // An empty ExportLogsServiceResponse, in the request's encoding.
            context.Response.ContentType = context.Request.ContentType;
            if (context.Request.ContentType == "application/json")
            {
                await context.Response.WriteAsync("{}", context.RequestAborted);
            }
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"code":3,"message":"test receiver answered {{status}}"}""", context.RequestAborted);
        }
    }
}
