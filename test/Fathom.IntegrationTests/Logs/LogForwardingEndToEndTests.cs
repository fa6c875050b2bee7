using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Logs;

/// <summary>`logs.forward` in an app's fathom.yaml under `fathom up`: a line a function prints reaches an OTLP/HTTP
/// receiver with its identity, after redaction.</summary>
public sealed class LogForwardingEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OtlpJsonDestination_ReceivesTheFunctionsLines_WithTheirIdentity_Redacted()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var bodies = new List<string>();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    var body = await reader.ReadToEndAsync(Ct);
                    lock (bodies)
                    {
                        bodies.Add(body);
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }, Ct);

        using var temp = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "logs"));
        File.WriteAllText(temp.PathOf("fathom.yaml"), $"""
            logs:
              forward:
                - otlp:
                    endpoint: http://127.0.0.1:{port}/v1/logs
                    encoding: json
            """);
        await using (var up = await FathomUp.StartAsync(temp.Directory, "--no-watch"))
        {
            using var client = up.AppClient();
            using var response = await client.GetAsync("/text?id=fwd1", Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var requestId = response.Headers.GetValues("apigw-requestid").Single();

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            List<JsonNode> records = [];
            while (DateTime.UtcNow < deadline)
            {
                records = LogRecordsOf(bodies).Where(r => Attribute(r, "faas.invocation_id") == requestId).ToList();
                // Both the plain line and the JSON line with its secret-named field have arrived.
                if (records.Any(r => r["body"]?["stringValue"]?.ToString() == "hello fwd1")
                    && records.Any(r => r.ToJsonString().Contains("[redacted]", StringComparison.Ordinal)))
                {
                    break;
                }

                await Task.Delay(200, Ct);
            }

            records.Should().Contain(r => r["body"]!["stringValue"]!.ToString() == "hello fwd1", "the function's line is forwarded");
            records.Should().Contain(r => r.ToJsonString().Contains("[redacted]", StringComparison.Ordinal));
            string.Concat(bodies).Should().NotContain("hunter2-secret", "forwarders see only redacted records");
            var resource = ResourceOf(bodies, requestId);
            resource.Should().Contain("service.name", "Text").And.Contain("deployment.environment.name", "local");
        }

        listener.Stop();
        await receiving;
    }

    private static List<JsonNode> LogRecordsOf(List<string> bodies)
    {
        string[] snapshot;
        lock (bodies)
        {
            snapshot = [.. bodies];
        }

        return [.. snapshot.Select(b => JsonNode.Parse(b)!)
            .SelectMany(d => d["resourceLogs"]!.AsArray())
            .SelectMany(rl => rl!["scopeLogs"]!.AsArray())
            .SelectMany(sl => sl!["logRecords"]!.AsArray())
            .Select(r => r!)];
    }

    private static Dictionary<string, string> ResourceOf(List<string> bodies, string requestId)
    {
        string[] snapshot;
        lock (bodies)
        {
            snapshot = [.. bodies];
        }

        var resourceLogs = snapshot.Select(b => JsonNode.Parse(b)!).SelectMany(d => d["resourceLogs"]!.AsArray())
            .First(rl => rl!["scopeLogs"]!.AsArray().Any(sl => sl!["logRecords"]!.AsArray().Any(r => Attribute(r!, "faas.invocation_id") == requestId)))!;
        return resourceLogs["resource"]!["attributes"]!.AsArray()
            .ToDictionary(a => a!["key"]!.ToString(), a => a!["value"]!["stringValue"]?.ToString() ?? "");
    }

    private static string? Attribute(JsonNode record, string key) =>
        record["attributes"]?.AsArray().FirstOrDefault(a => a?["key"]?.ToString() == key)?["value"]?["stringValue"]?.ToString();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
