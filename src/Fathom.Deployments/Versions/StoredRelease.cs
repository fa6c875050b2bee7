using Fathom.Deployments.Releases;

namespace Fathom.Deployments.Versions;

/// <summary>A release as read back inside a write: the public record plus the settings text a rollback restores.</summary>
internal sealed record StoredRelease(EnvironmentRelease Release, string? SettingsJson)
{
    public IReadOnlyList<ReleaseChange> Functions => Release.Functions;

    public IReadOnlyDictionary<string, string>? Parameters => Release.Parameters;
}
