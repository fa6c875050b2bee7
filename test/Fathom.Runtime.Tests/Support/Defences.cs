using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Support;

/// <summary>
/// For tests of a sandbox defence. On a machine that has it, the test runs. On one that lacks it (the degraded leg of
/// ./test.sh hides bubblewrap and the cgroups), the test does not skip: it asserts the documented fallback instead —
/// the runtime names each missing defence with what it means and what would provide it, and functions still run —
/// and then ends.
/// </summary>
internal static class Defences
{
    /// <summary>True when this machine gives every defence in <paramref name="needed"/>; otherwise asserts the
    /// fallback and returns false (the caller returns).</summary>
    public static async Task<bool> AvailableAsync(params IsolationDefence[] needed)
    {
        var missing = SandboxCapabilities.Current.Missing.Where(m => needed.Contains(m.Defence)).Select(m => m.Defence).ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        await using var runtime = new TestRuntime();
        runtime.Host.MissingDefences.Select(m => m.Defence).Should().Contain(missing, "a missing defence is named, never silent");
        runtime.Host.MissingDefences.Should().OnlyContain(m => m.Consequence.Length > 0 && m.Remedy.Length > 0);
        runtime.Load("fallback", "index.echo");
        var result = await runtime.InvokeAsync("fallback", """{"still":"served"}""");
        result.Outcome.Should().Be(InvocationOutcome.Success, $"without {string.Join(", ", missing)} functions still run, as docs/isolation.md says: {result.LogTail}");
        return false;
    }
}
