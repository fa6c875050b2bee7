using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>
/// The Sentry projects of this server, one per app environment, made on first use and kept in
/// <c>sentry-projects.json</c> in the data directory (mode 0600), so a DSN copied into a config stays valid across
/// restarts. Reads are lock-free over an immutable snapshot; the rare write takes a lock and replaces the file whole.
/// </summary>
public sealed class SentryProjects
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "sentry-projects.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _writeLock = new();
    private ImmutableArray<SentryProject> _projects;

    private SentryProjects(string path, ImmutableArray<SentryProject> projects)
    {
        _path = path;
        _projects = projects;
    }

    /// <summary>Every project, in id order.</summary>
    public IReadOnlyList<SentryProject> All => _projects;

    /// <summary>Loads the projects kept in <paramref name="dataDirectory"/> (none when the file does not exist yet).</summary>
    /// <exception cref="InvalidDataException">The file exists but is not what this class writes.</exception>
    public static SentryProjects Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return new SentryProjects(path, []);
        }

        try
        {
            var projects = JsonSerializer.Deserialize<SentryProject[]>(File.ReadAllText(path), Json) ?? [];
            return new SentryProjects(path, [.. projects.OrderBy(p => p.Id)]);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a list of Sentry projects: {e.Message}", e);
        }
    }

    /// <summary>The project with <paramref name="id"/>, or null.</summary>
    public SentryProject? Find(int id)
    {
        foreach (var project in _projects)
        {
            if (project.Id == id)
            {
                return project;
            }
        }

        return null;
    }

    /// <summary>The project of <paramref name="app"/> in <paramref name="environment"/>, or null.</summary>
    public SentryProject? Find(string app, string environment)
    {
        foreach (var project in _projects)
        {
            if (project.App == app && project.Environment == environment)
            {
                return project;
            }
        }

        return null;
    }

    /// <summary>The project of <paramref name="app"/> in <paramref name="environment"/>, made (and saved) if new.</summary>
    public SentryProject GetOrCreate(string app, string environment)
    {
        if (Find(app, environment) is { } existing)
        {
            return existing;
        }

        lock (_writeLock)
        {
            if (Find(app, environment) is { } raced)
            {
                return raced;
            }

            var id = _projects.IsEmpty ? 1 : _projects[^1].Id + 1;
            var project = new SentryProject(id, app, environment, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            var projects = _projects.Add(project);
            Save(projects);
            _projects = projects;
            return project;
        }
    }

    private void Save(ImmutableArray<SentryProject> projects)
    {
        var temporary = _path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, projects, Json);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
