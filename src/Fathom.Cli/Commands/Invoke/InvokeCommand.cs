using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Invoke;

/// <summary>`fathom invoke FUNCTION`: calls a function through the server's Lambda Invoke API and prints what
/// `sam local invoke` would: the log tail, then the result or the error.</summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "The function name (or its ARN).", HelpName = "FUNCTION" };
        var eventOption = new Option<string?>("--event", "-e") { Description = "A file with the event JSON, or - for standard input (default: {}).", HelpName = "FILE" };
        var qualifier = new Option<string?>("--qualifier", "-q") { Description = "A version number or alias to invoke (default: the function's alias).", HelpName = "VERSION|ALIAS" };
        var isAsync = new Option<bool>("--async") { Description = "Queue the event and return at once (invocation type Event)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: status, version, error, result and log." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };

        var command = new Command("invoke", "Invoke a function once on a running server (fathom up) and print its result, error and log tail. Exit codes: 0 success, 1 function error, API error or server unreachable, 2 usage error.")
        {
            function, eventOption, qualifier, isAsync, json, server,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(function)!,
            result.GetValue(eventOption),
            result.GetValue(qualifier),
            result.GetValue(isAsync),
            result.GetValue(json),
            result.GetValue(server),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string function, string? eventPath, string? qualifier, bool isAsync, bool json, string? server, CancellationToken cancellationToken)
    {
        byte[] payload;
        try
        {
            payload = eventPath switch
            {
                null => "{}"u8.ToArray(),
                "-" => await ReadStandardInputAsync(cancellationToken),
                _ => await File.ReadAllBytesAsync(eventPath, cancellationToken),
            };
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot read the event: {e.Message}");
            return 1;
        }

        var adminUrl = ServerLocator.Resolve(server, Environment.CurrentDirectory);
        var path = $"2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations";
        if (!string.IsNullOrEmpty(qualifier))
        {
            path += "?Qualifier=" + Uri.EscapeDataString(qualifier);
        }

        using var http = new HttpClient(AdminHttp.CreateHandler()) { BaseAddress = adminUrl, Timeout = Timeout.InfiniteTimeSpan };
        AdminApi.Authorize(http, adminUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(payload) };
        request.Headers.Add("X-Amz-Invocation-Type", isAsync ? "Event" : "RequestResponse");
        if (!isAsync)
        {
            request.Headers.Add("X-Amz-Log-Type", "Tail");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await AdminApi.ReportUnreachableAsync(adminUrl, e);
            return 1;
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var outcome = InvokeOutcome.From(response, body);
            if (json)
            {
                Console.WriteLine(outcome.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return outcome.Succeeded ? 0 : 1;
            }

            await outcome.PrintAsync(isAsync);
            return outcome.Succeeded ? 0 : 1;
        }
    }

    private static async Task<byte[]> ReadStandardInputAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>One Invoke API response, read the way the AWS CLI reads it.</summary>
    private sealed record InvokeOutcome(HttpStatusCode Status, string? ExecutedVersion, string? FunctionError, string? ErrorCode, string Log, byte[] Body)
    {
        public bool Succeeded => (int)Status is >= 200 and < 300 && FunctionError is null;

        public static InvokeOutcome From(HttpResponseMessage response, byte[] body)
        {
            string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
            var log = Header("X-Amz-Log-Result") is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : "";
            var errorCode = Header("x-amzn-ErrorType")?.Split(':')[0];
            return new InvokeOutcome(response.StatusCode, Header("X-Amz-Executed-Version"), Header("X-Amz-Function-Error"), errorCode, log, body);
        }

        public JsonObject ToJson()
        {
            var result = new JsonObject
            {
                ["statusCode"] = (int)Status,
                ["executedVersion"] = ExecutedVersion,
                ["functionError"] = FunctionError,
                ["errorCode"] = ErrorCode,
                ["payload"] = ParsePayload(),
                ["log"] = Log,
            };
            return result;
        }

        public async Task PrintAsync(bool isAsync)
        {
            if (Log.Length > 0)
            {
                await Console.Error.WriteAsync(Log.EndsWith('\n') ? Log : Log + "\n");
            }

            if (ErrorCode is not null)
            {
                var message = ParsePayload() is JsonObject error ? (string?)(error["Message"] ?? error["message"]) : null;
                await Console.Error.WriteLineAsync($"error: {ErrorCode}: {message ?? Encoding.UTF8.GetString(Body)}");
                return;
            }

            if (isAsync)
            {
                await Console.Error.WriteLineAsync($"Accepted (HTTP {(int)Status}); the function runs in the background.");
                return;
            }

            if (FunctionError is not null && ParsePayload() is JsonObject functionError)
            {
                var headline = $"{functionError["errorType"]}: {functionError["errorMessage"]}";
                await Console.Error.WriteLineAsync(headline);
                var trace = functionError["trace"] ?? functionError["stackTrace"];
                if (trace is JsonArray frames)
                {
                    // Node's stack starts with "Type: message", which is the headline just printed.
                    var skip = frames.Count > 0 && frames[0]?.ToString() == headline ? 1 : 0;
                    foreach (var frame in frames.Skip(skip))
                    {
                        await Console.Error.WriteLineAsync("    " + frame);
                    }
                }
            }

            Console.WriteLine(Encoding.UTF8.GetString(Body));
        }

        private JsonNode? ParsePayload()
        {
            if (Body.Length == 0)
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return JsonValue.Create(Encoding.UTF8.GetString(Body));
            }
        }
    }
}
