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
        var temp = path + ".tmp";

        // Write then rename, so a reader never sees half a file.
        File.WriteAllText(temp, JsonSerializer.Serialize(info, Json));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    public static ServerInfo? Read(string directory)
    {
        var path = Path.Combine(directory, ServerInfo.FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(path), Json) : null;
    }
}
