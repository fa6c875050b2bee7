using System.Net.Http.Headers;
using System.Text.Json;

namespace Fathom.Cli.Server;

/// <summary>The token every command sends: <c>--token</c> &gt; <c>FATHOM_TOKEN</c> &gt; the <c>server.json</c> of the server
/// being called (<c>./.fathom/server.json</c> or the default data directory's, when its admin URL is the one called), as
/// DESIGN.md "Finding the server" says. None under <c>fathom up</c>, which needs none.</summary>
internal static class AdminToken
{
    /// <summary>The root command's <c>--token</c>, set once the command line is parsed.</summary>
    public static string? FromOption { get; set; }

    public static string? Find(Uri adminUrl)
    {
        if (!string.IsNullOrWhiteSpace(FromOption))
        {
            return FromOption.Trim();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("FATHOM_TOKEN");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        foreach (var serverJson in (string[])[
            Path.Combine(Environment.CurrentDirectory, ".fathom", "server.json"),
            Path.Combine(Fathom.Server.Hosting.ServerHostOptions.DefaultDataDirectory(), "server.json")])
        {
            if (FromServerJson(serverJson, adminUrl) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>Adds <c>Authorization: Bearer</c> to every request of a client made for <paramref name="adminUrl"/>.</summary>
    public static void Apply(HttpClient http, Uri adminUrl)
    {
        if (Find(adminUrl) is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private static string? FromServerJson(string path, Uri adminUrl)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            // Only the token of the server being called: another server's token must not travel to this one.
            return root.TryGetProperty("adminUrl", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var written)
                && SameServer(written, adminUrl) && root.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool SameServer(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
