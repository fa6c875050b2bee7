using Fathom.Deployments.Releases;

namespace Fathom.Deployments.Versions;

// CONTRACT STUB (replaced by the releases work): the signatures are the contract; the bodies are a temporary
// per-function loop with no release history and no audit.
public sealed partial class DeploymentStore
{
    /// <summary>Applies a release atomically: publishes what changed, moves every alias, records the release and its
    /// audit row in one transaction; a crash at any point leaves every alias on one recorded version.</summary>
    public async Task<ReleaseOutcome> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var released = new List<ReleasedFunction>();
        var changed = false;
        foreach (var f in request.Functions)
        {
            var result = await DeployAsync(f.Function, f.ArtifactHash, f.ConfigHash, f.ConfigJson, f.Alias, request.Reason, f.Description, cancellationToken).ConfigureAwait(false);
            changed |= result.AliasMoved || result.Created;
            released.Add(new ReleasedFunction(f.Function, result.Version.Number, result.Created, f.Alias, result.PreviousVersion));
        }

        return new ReleaseOutcome(0, changed, released);
    }

    /// <summary>Appends one row to the audit table (for changes made outside a release, and for failed attempts).</summary>
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Task.CompletedTask;
    }
}
