using Fathom.Telemetry.Metrics.Prometheus;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

/// <summary>Aliases as a test sets them: the versions in <see cref="Live"/> are alias targets.</summary>
internal sealed class FakeLiveVersions : ILiveVersions
{
    public HashSet<string> Live { get; } = [];

    public bool IsLive(string app, string environment, string function, string version) => Live.Contains($"{function}:{version}");
}
