namespace Fathom.Deployments.Releases;

/// <summary>How a release ended. A release is recorded in the same transaction that moves its aliases, so a recorded
/// release always succeeded; a deploy that failed before (build, validation) is an audit row instead.</summary>
public static class ReleaseOutcomes
{
    public const string Succeeded = "succeeded";
}
