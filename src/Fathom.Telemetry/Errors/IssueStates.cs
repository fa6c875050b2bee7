namespace Fathom.Telemetry.Errors;

/// <summary>The closed list of issue states.</summary>
public static class IssueStates
{
    public const string Unresolved = "unresolved";

    public const string Resolved = "resolved";

    /// <summary>Resolved by the next version: events in the version current at resolve time are still expected.</summary>
    public const string ResolvedInNextVersion = "resolvedInNextVersion";

    public const string Ignored = "ignored";

    public static bool IsKnown(string state) =>
        state is Unresolved or Resolved or ResolvedInNextVersion or Ignored;
}
