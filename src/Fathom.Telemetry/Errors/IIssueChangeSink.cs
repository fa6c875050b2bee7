namespace Fathom.Telemetry.Errors;

/// <summary>Where the tracker tells what happened to issues (the platform events log).</summary>
public interface IIssueChangeSink
{
    /// <param name="change">What changed.</param>
    /// <param name="context">The event that caused it, or null for a change made through the API.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task PublishAsync(IssueChange change, ErrorEvent? context, CancellationToken cancellationToken);
}
