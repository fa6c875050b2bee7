using System.Text.Json;

namespace Fathom.Cli.Server;

/// <summary>Finds the server a command talks to: <c>--server</c> &gt; <c>FATHOM_SERVER</c> &gt;
/// <c>./.fathom/server.json</c> &gt; <c>$XDG_DATA_HOME/fathom/server.json</c> &gt; <c>http://127.0.0.1:9400</c> (DESIGN.md "Finding the server").</summary>
internal static class ServerLocator
{
    public const string DefaultAdminUrl = "http://127.0.0.1:9400";

    public static Uri Resolve(string? serverOption, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(serverOption))
        {
            return Parse(serverOption, "--server");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("FATHOM_SERVER");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Parse(fromEnvironment, "FATHOM_SERVER");
        }

        var serverJson = Path.Combine(currentDirectory, ".fathom", "server.json");
        if (File.Exists(serverJson) && ReadAdminUrl(serverJson) is { } adminUrl)
        {
            return adminUrl;
        }

        // A `fathom server` on its default data directory.
        var serverDefault = Path.Combine(Fathom.Server.Hosting.ServerHostOptions.DefaultDataDirectory(), "server.json");
        if (File.Exists(serverDefault) && ReadAdminUrl(serverDefault) is { } serverUrl)
        {
            return serverUrl;
        }

        return new Uri(DefaultAdminUrl);
    }

    private static Uri? ReadAdminUrl(string serverJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(serverJson));
            return document.RootElement.TryGetProperty("adminUrl", out var url) && url.GetString() is { } text
                ? Parse(text, serverJson)
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // A server that is stopping may be rewriting the file; fall through to the default.
            return null;
        }
    }

    private static Uri Parse(string value, string source)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new CliUsageException($"{source}: '{value}' is not an http(s) URL");
    }
}
