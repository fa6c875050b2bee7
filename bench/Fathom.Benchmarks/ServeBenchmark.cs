using System.Text.Json;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Benchmarks;

/// <summary>The runtime behind one Kestrel endpoint that turns each HTTP request into an HTTP API (payload 2.0)
/// event, as the shim in ../shared/bench does, so wrk measures the invocation round trip.</summary>
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
        await using var runtime = new FunctionRuntime(options);
        runtime.Load(new FunctionDefinition
        {
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
        var app = builder.Build();
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var payload = await BuildEventAsync(context.Request);
            var result = await runtime.InvokeAsync(new InvocationRequest
            {
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
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var now = DateTimeOffset.UtcNow;
        var evt = new Dictionary<string, object?>
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = request.Path.Value,
            ["rawQueryString"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            ["headers"] = headers,
            ["requestContext"] = new Dictionary<string, object?>
            {
                ["accountId"] = "000000000000",
                ["apiId"] = "local",
                ["domainName"] = request.Host.Value,
                ["http"] = new Dictionary<string, object?>
                {
                    ["method"] = request.Method,
                    ["path"] = request.Path.Value,
                    ["protocol"] = request.Protocol,
                    ["sourceIp"] = request.HttpContext.Connection.RemoteIpAddress?.ToString(),
                    ["userAgent"] = headers.GetValueOrDefault("user-agent", ""),
                },
                ["requestId"] = Guid.NewGuid().ToString(),
                ["routeKey"] = "$default",
                ["stage"] = "$default",
                ["time"] = now.ToString("O"),
                ["timeEpoch"] = now.ToUnixTimeMilliseconds(),
            },
            ["isBase64Encoded"] = false,
            ["body"] = body.Length > 0 ? System.Text.Encoding.UTF8.GetString(body.ToArray()) : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(evt);
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
