using System.Text.Json;

namespace Fathom.Packaging.Artifacts;

/// <summary>
/// <c>manifest.json</c> in an artifact folder. It is written before the folder is renamed into place,
/// so its presence marks a complete artifact; it also keeps the build's warnings for later reuses.
/// </summary>
internal sealed record ArtifactManifest
{
    public const string FileName = "manifest.json";

    public required string Hash { get; init; }
    public required string Runtime { get; init; }
    public required string BuilderVersion { get; init; }
    public required string BuiltFor { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required int FileCount { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> SkippedInstallScripts { get; init; } = [];

    public static ArtifactManifest? TryRead(string artifactDirectory)
    {
        try
        {
            using var stream = File.OpenRead(Path.Combine(artifactDirectory, FileName));
            return JsonSerializer.Deserialize(stream, ArtifactManifestJson.Default.ArtifactManifest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Write(string artifactDirectory)
    {
        using var stream = File.Create(Path.Combine(artifactDirectory, FileName));
        JsonSerializer.Serialize(stream, this, ArtifactManifestJson.Default.ArtifactManifest);
    }
}
