using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fathom.Server.Environments;

/// <summary>Reads and writes <see cref="EnvironmentRecord"/>s: <c>&lt;data&gt;/environments/&lt;app&gt;/&lt;env&gt;.json</c>.</summary>
internal static class EnvironmentRecordFile
{
    public const string FolderName = "environments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string PathOf(string dataDirectory, string app, string environment) =>
        Path.Combine(dataDirectory, FolderName, app, environment + ".json");

    /// <summary>Writes the record so that a crash leaves the old file or the new one, never half of either.</summary>
    public static void Write(string dataDirectory, EnvironmentRecord record)
    {
        var path = PathOf(dataDirectory, record.App, record.Environment);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, record, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Every record in the data directory; a file that cannot be read is reported through <paramref name="unreadable"/>
    /// and skipped, so one damaged environment does not keep the others down.</summary>
    public static IReadOnlyList<EnvironmentRecord> ReadAll(string dataDirectory, Action<string, Exception> unreadable)
    {
        var root = Path.Combine(dataDirectory, FolderName);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var records = new List<EnvironmentRecord>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize<EnvironmentRecord>(File.ReadAllText(file), Json) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                unreadable(file, e);
            }
        }

        return records;
    }
}
