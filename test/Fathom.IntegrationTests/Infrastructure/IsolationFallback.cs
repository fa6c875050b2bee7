using Fathom.Runtime.Isolation;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>
/// For end-to-end tests of a sandbox defence. On a machine that gives every named defence, the test runs. On one that
/// lacks one (the degraded leg of ./test.sh hides bubblewrap and the cgroups), running the attack would attack the
/// host itself, so the test asserts the documented fallback instead — <c>fathom up</c> printed one plain line naming
/// each missing defence and what would provide it — and ends.
/// </summary>
internal static class IsolationFallback
{
    /// <summary>True when this machine gives every defence in <paramref name="needed"/>; otherwise asserts what
    /// <paramref name="up"/> printed about the missing ones and returns false (the caller returns).</summary>
    public static bool Available(FathomUp up, params IsolationDefence[] needed)
    {
        var missing = SandboxCapabilities.Current.Missing.Where(m => needed.Contains(m.Defence)).ToList();
        foreach (var defence in missing)
        {
            up.Lines.Should().ContainSingle(l => l.Contains($"isolation without {defence.Name}: ", StringComparison.Ordinal) && l.Contains(defence.Remedy, StringComparison.Ordinal),
                $"fathom up says once, in plain words, that it runs without {defence.Name}");
        }

        return missing.Count == 0;
    }
}
