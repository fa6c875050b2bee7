using System.Text.Json;

namespace Fathom.Server.Hosting;

/// <summary>Writes and removes <c>server.json</c> in the data directory.</summary>
internal static class ServerInfoFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new UtcTimeJsonConverter() } };

    public static string Write(string directory, ServerInfo info)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ServerInfo.FileName);

        // Written then renamed, so a reader never sees half a file; 0600 from the first byte, since it may carry the token.
        Access.Store.SecretFile.Write(path, JsonSerializer.Serialize(info, Json));
        return path;
    }

    public static ServerInfo? Read(string directory)
    {
        var path = Path.Combine(directory, ServerInfo.FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(path), Json) : null;
    }
}
