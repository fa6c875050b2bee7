using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Errors;

/// <summary>Talks to the errors API and prints what it answers: a table, one issue, or the JSON as it came.</summary>
internal sealed class ErrorsClient(Uri adminUrl, TextWriter output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<int> ListAsync(string? function, string? status, int limit, bool json, CancellationToken cancellationToken, string? app = null, string? env = null)
    {
        var query = $"limit={limit}";
        if (app is not null)
        {
            query += $"&app={Uri.EscapeDataString(app)}";
        }

        if (env is not null)
        {
            query += $"&env={Uri.EscapeDataString(env)}";
        }

        if (function is not null)
        {
            query += $"&function={Uri.EscapeDataString(function)}";
        }

        if (status is not null)
        {
            query += $"&status={Uri.EscapeDataString(status)}";
        }

        var (code, document) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/errors?{query}"), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            await output.WriteLineAsync(document.ToJsonString(Indented));
            return 0;
        }

        var issues = (document["issues"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (issues.Count == 0)
        {
            await output.WriteLineAsync("No issues.");
            return 0;
        }

        await IssueTable.WriteAsync(output, issues);
        return 0;
    }

    public async Task<int> ShowAsync(string id, bool json, CancellationToken cancellationToken)
    {
        var (code, document) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/errors/{Uri.EscapeDataString(id)}"), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            await output.WriteLineAsync(document.ToJsonString(Indented));
            return 0;
        }

        await IssueDetail.WriteAsync(output, document);
        return 0;
    }

    public async Task<int> SetStateAsync(string id, string action, Dictionary<string, object> body, bool json, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"fathom/v1/errors/{Uri.EscapeDataString(id)}/{action}") { Content = JsonContent.Create(body) };
        var (code, document) = await SendAsync(request, cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            await output.WriteLineAsync(document.ToJsonString(Indented));
            return 0;
        }

        var issue = document["issue"];
        await output.WriteLineAsync($"Issue {issue?["id"]} is {issue?["state"]}: {issue?["title"]}");
        return 0;
    }

    private Task<(int ExitCode, JsonNode? Document)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        AdminApi.SendAsync(adminUrl, request, cancellationToken);
}
