using System.Text.Json;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Benchmarks;

/// <summary>The runtime behind one Kestrel endpoint that turns each HTTP request into an HTTP API (payload 2.0)
/// event, as bench/peers/ric-shim.js does, so wrk measures the invocation round trip (bench/run.sh target `runtime`).</summary>
internal static class ServeBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var port = arguments.Int("port", 9600);
        var options = new RuntimeOptions();
        if (arguments.String("envs") is { } envs)
        {
            options.MaxEnvironmentsPerFunction = int.Parse(envs, System.Globalization.CultureInfo.InvariantCulture);
        }

        options.MaxQueueLength = 10_000;
        await using var runtime = new FunctionRuntime(arguments.Sandbox(options));
        runtime.Load(new FunctionDefinition
        {
            App = "bench",
            EnvironmentName = "bench",
            Name = "bench",
            Runtime = "nodejs20.x",
            Handler = "index.handler",
            CodeDirectory = BenchArguments.FunctionDirectory(),
            MemorySizeMb = 1024,
            Timeout = TimeSpan.FromSeconds(30),
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (arguments.String("inline") == "true")
        {
            // Kestrel runs the endpoint on the socket's I/O thread instead of hopping to the thread pool.
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        }

        var app = builder.Build();
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var payload = await BuildEventAsync(context.Request);
            var result = await runtime.InvokeAsync(new InvocationRequest
            {
                App = "bench",
                Environment = "bench",
                FunctionName = "bench",
                Version = "$LATEST",
                Payload = payload,
                Source = "api",
            }, context.RequestAborted);
            await WriteResultAsync(context.Response, result);
        });
        Console.WriteLine($"listening on http://127.0.0.1:{port}/hello");
        await app.RunAsync();
        return 0;
    }

    private static async Task<byte[]> BuildEventAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var now = DateTimeOffset.UtcNow;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", "$default");
            json.WriteString("rawPath", request.Path.Value);
            json.WriteString("rawQueryString", request.QueryString.HasValue ? request.QueryString.Value![1..] : "");
            json.WriteStartObject("headers");
            foreach (var header in request.Headers)
            {
                json.WriteString(header.Key.ToLowerInvariant(), header.Value.ToString());
            }

            json.WriteEndObject();
            json.WriteStartObject("requestContext");
            json.WriteString("accountId", "000000000000");
            json.WriteString("apiId", "local");
            json.WriteString("domainName", request.Host.Value);
            json.WriteStartObject("http");
            json.WriteString("method", request.Method);
            json.WriteString("path", request.Path.Value);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("sourceIp", request.HttpContext.Connection.RemoteIpAddress?.ToString());
            json.WriteString("userAgent", request.Headers.UserAgent.ToString());
            json.WriteEndObject();
            json.WriteString("requestId", Guid.NewGuid().ToString());
            json.WriteString("routeKey", "$default");
            json.WriteString("stage", "$default");
            json.WriteString("time", now.ToString("O"));
            json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            json.WriteEndObject();
            json.WriteBoolean("isBase64Encoded", false);
            if (body.Length > 0)
            {
                json.WriteString("body", System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteResultAsync(HttpResponse response, InvocationResult result)
    {
        if (result.Outcome != InvocationOutcome.Success)
        {
            response.StatusCode = result.Outcome == InvocationOutcome.Throttled ? 429 : 502;
            await response.Body.WriteAsync(result.Payload);
            return;
        }

        using var document = JsonDocument.Parse(result.Payload);
        var root = document.RootElement;
        response.ContentType = "application/json";
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out var status))
        {
            response.StatusCode = status.GetInt32();
            if (root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
            {
                await response.WriteAsync(body.GetString()!);
            }

            return;
        }

        await response.Body.WriteAsync(result.Payload);
    }
}
