using System.Diagnostics;

namespace Fathom.Deployments.Releases;

/// <summary>A test-only hook: <c>FATHOM_TEST_CRASH_AT=&lt;point&gt;</c> (read once when a store opens) makes the process
/// kill itself with SIGKILL when a release or rollback reaches that point, so tests prove crash safety at named
/// moments instead of hoping a random kill lands there.</summary>
public sealed class CrashPoints
{
    /// <summary>The environment variable naming the point.</summary>
    public const string Variable = "FATHOM_TEST_CRASH_AT";

    /// <summary>Inside the release's transaction, after the changed functions' versions were inserted.</summary>
    public const string ReleaseAfterPublish = "release.after-publish";

    /// <summary>Inside the release's transaction, after every alias moved and the release was recorded, before the commit.</summary>
    public const string ReleaseAfterAliasMoves = "release.after-alias-moves";

    /// <summary>After the release committed, before its platform events left the outbox.</summary>
    public const string ReleaseAfterCommit = "release.after-commit";

    /// <summary>Inside a rollback's transaction, after every alias moved, before the commit.</summary>
    public const string RollbackAfterAliasMoves = "rollback.after-alias-moves";

    /// <summary>Every point, for validation and docs.</summary>
    public static IReadOnlyList<string> All { get; } = [ReleaseAfterPublish, ReleaseAfterAliasMoves, ReleaseAfterCommit, RollbackAfterAliasMoves];

    private readonly string? _armed;

    private CrashPoints(string? armed) => _armed = armed;

    /// <summary>No point armed.</summary>
    public static CrashPoints None { get; } = new(null);

    /// <summary>The point named by <see cref="Variable"/>, if any.</summary>
    public static CrashPoints FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } point ? new CrashPoints(point.Trim()) : None;

    /// <summary>Kills the process (SIGKILL: no finally blocks, no flush, as <c>kill -9</c>) when <paramref name="point"/> is armed.</summary>
    public void Reach(string point)
    {
        if (_armed is null || !string.Equals(_armed, point, StringComparison.Ordinal))
        {
            return;
        }

        using var self = Process.GetCurrentProcess();
        self.Kill();

        // The signal may take a moment to land; nothing after the point may run meanwhile.
        using var never = new ManualResetEventSlim();
        never.Wait();
    }
}
