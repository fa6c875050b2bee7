using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Cli.Server;

/// <summary>One call to the admin JSON API as every command makes it: the document on success; otherwise the reason
/// on standard error in one line (a problem's <c>detail</c>, or how to start a server) and exit code 1.</summary>
internal static class AdminApi
{
    public const string ActorHeader = "X-Fathom-Actor";

    public static async Task<(int ExitCode, JsonNode? Document)> SendAsync(Uri adminUrl, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(AdminHttp.CreateHandler()) { BaseAddress = adminUrl };
        Authorize(http, adminUrl);
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return (await ReportFailureAsync(response.StatusCode, text), null);
                }

                return (0, JsonNode.Parse(text));
            }
            catch (HttpRequestException e)
            {
                await ReportUnreachableAsync(adminUrl, e);
                return (1, null);
            }
        }
    }

    /// <summary>Sends the token (<see cref="AdminToken"/>), and the OS user as "on behalf of" text: under <c>fathom up</c>,
    /// which has no tokens, the audit records <c>local (user)</c>; a server names the token instead.</summary>
    public static void Authorize(HttpClient http, Uri adminUrl)
    {
        AdminToken.Apply(http, adminUrl);
        http.DefaultRequestHeaders.TryAddWithoutValidation(ActorHeader, Environment.UserName);
    }

    /// <summary>Says why the server refused, in one line; returns the exit code for it.</summary>
    public static async Task<int> ReportFailureAsync(HttpStatusCode status, string body)
    {
        await Console.Error.WriteLineAsync($"error: {(int)status}: {Detail(status, body)}");
        return 1;
    }

    public static async Task ReportUnreachableAsync(Uri adminUrl, HttpRequestException e)
    {
        if (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            await Console.Error.WriteLineAsync($"error: the Fathom server at {adminUrl} has a certificate this machine does not trust: {e.InnerException.Message}");
            await Console.Error.WriteLineAsync($"Pass --ca FILE (or set {AdminHttp.CaVariable}) with the PEM of the certificate or of its CA.");
            return;
        }

        await Console.Error.WriteLineAsync($"error: cannot reach the Fathom server at {adminUrl}: {e.Message}");
        await Console.Error.WriteLineAsync("Start one with 'fathom up DIR', or pass --server URL.");
    }

    private static string Detail(HttpStatusCode status, string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["detail"] ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 0 ? body : status.ToString();
        }
    }
}
