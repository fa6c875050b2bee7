using System.Globalization;
using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Routing;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Server.Environments;

/// <summary>One app environment as the host serves it: its versions and aliases (<see cref="DeploymentStore"/>), its
/// runtime host, the invoker that loads any published version from its artifact, the resolver and catalog the gateway
/// and the Invoke API read, its route table, and (under <c>fathom server</c>) its own app-traffic listener. A change is
/// applied as one release: new versions are published and warmed, every alias flips in one transaction, then the routes
/// swap; in-flight requests finish on the versions that accepted them.</summary>
internal sealed class AppEnvironment : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Dictionary<string, int> _active = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _functionNames = [];
    private readonly WarmVersions _warm;
    private EnvironmentListener? _listener;

    /// <param name="keepWarm">How long the versions an alias moved away from stay loaded and warm (<see cref="WarmVersions"/>),
    /// so a rollback inside it costs no cold start.</param>
    public AppEnvironment(DeploymentStore store, FunctionRuntime runtime, string artifactsDirectory, TimeSpan keepWarm, TimeProvider time,
        Action<InvocationRequest, InvocationResult>? initFailed = null)
    {
        Store = store;
        Runtime = runtime;
        Invoker = new OnDemandInvoker(runtime, store, artifactsDirectory, initFailed);
        Resolver = new DeploymentResolver(store);
        Catalog = new AppCatalog(store, () => Volatile.Read(ref _functionNames));
        _warm = new WarmVersions(store, runtime.UnloadAsync, keepWarm, time, Invoker.PrewarmAsync);
    }

    public string App => Store.App;

    public string Name => Store.Environment;

    public DeploymentStore Store { get; }

    public FunctionRuntime Runtime { get; }

    public OnDemandInvoker Invoker { get; }

    public DeploymentResolver Resolver { get; }

    public AppCatalog Catalog { get; }

    public GatewayState Gateway { get; } = new();

    /// <summary>Deploys to this environment run one at a time.</summary>
    public SemaphoreSlim DeployLock { get; } = new(1, 1);

    /// <summary>What is persisted about the environment (null under <c>fathom up</c>, which rebuilds on start).</summary>
    public EnvironmentRecord? Record { get; set; }

    /// <summary>The app-traffic URL: the environment's own listener's, or the host's app port where the host serves it
    /// (<c>fathom up</c>); null before either listens.</summary>
    public Uri? Url => _listener?.Url ?? HostUrl;

    /// <summary>Set when the host's own app port serves this environment (<c>fathom up</c>).</summary>
    public Uri? HostUrl { get; set; }

    /// <summary>The template alarms and alarm overrides of the last release (set by whoever applies it).</summary>
    public Alerting.EnvironmentAlarms Alarms { get; set; } = Alerting.EnvironmentAlarms.None;

    /// <summary>The functions served, in template order.</summary>
    public IReadOnlyList<string> FunctionNames => Volatile.Read(ref _functionNames);

    /// <summary>Starts the environment's app-traffic listener.</summary>
    public async Task ListenAsync(EnvironmentListenerOptions options, CancellationToken cancellationToken)
    {
        _listener = await EnvironmentListener.StartAsync(this, options, cancellationToken);
    }

    /// <summary>Serves what a record says after a restart: its routes and functions, whose live aliases are in the
    /// store; each live version is loaded (provisioned ones warmed) in the background, without a rebuild.</summary>
    public void Restore(EnvironmentRecord record)
    {
        Record = record;
        Gateway.Update(record.Routes);
        var state = Store.State;
        var active = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var function in record.Functions)
        {
            if (state.Functions.GetValueOrDefault(function.Name)?.Aliases.GetValueOrDefault(function.Alias) is { } alias)
            {
                active[function.Name] = alias.Version;
                _ = PrewarmAsync(function.Name, alias.Version, function.ProvisionedConcurrency is > 0);
            }
        }

        _active = active;
        Volatile.Write(ref _functionNames, record.Functions.Select(f => f.Name).ToList());
    }

    /// <summary>Applies a change as one release. Nothing live changes when the routes are invalid or the release fails.</summary>
    /// <exception cref="GatewayConfigException">The routes cannot be served.</exception>
    public async Task<EnvironmentRelease> ApplyAsync(EnvironmentChange change, CancellationToken cancellationToken)
    {
        // Routes the gateway cannot serve are found before any alias moves.
        GatewayState.Validate(change.Routes);
        var before = Store.State;
        var published = new Dictionary<string, (int Version, bool Created)>(StringComparer.Ordinal);
        foreach (var planned in change.Functions)
        {
            var f = planned.Release;
            if (Unchanged(before, f) is { } live)
            {
                // Live already and the newest version: a redeploy of an unchanged function writes nothing for it.
                published[f.Function] = (live, false);
                continue;
            }

            var result = await Store.PublishAsync(f.Function, f.ArtifactHash, f.ConfigHash, f.ConfigJson, f.Description, cancellationToken);
            published[f.Function] = (result.Version.Number, result.Created);
            var label = result.Version.Number.ToString(CultureInfo.InvariantCulture);
            if (planned.ProvisionedConcurrency is > 0)
            {
                // Provisioned environments start before the alias flips, so the first request after it is warm.
                await Invoker.PreloadAsync(f.Function, label);
            }
            else if (!_active.TryGetValue(f.Function, out var current) || current != result.Version.Number)
            {
                // Like `sam local --warm-containers EAGER`: one environment starts now, overlapping the alias flip.
                _ = PrewarmAsync(f.Function, result.Version.Number, provisioned: false);
            }
        }

        // The alias flip is the release: new requests resolve to the new versions from here on.
        var outcome = await Store.ReleaseAsync(
            new ReleaseRequest([.. change.Functions.Select(p => p.Release)], change.Actor, change.Reason, change.Parameters, Source: change.Source),
            cancellationToken);

        Gateway.Update(change.Routes);
        var changes = new List<FunctionChange>();
        var active = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var planned in change.Functions)
        {
            var name = planned.Release.Function;
            var (version, created) = published[name];
            int? previous = _active.TryGetValue(name, out var p) ? p : null;
            active[name] = version;
            string? what = previous is null ? "new"
                : previous == version ? null
                : before.Functions.GetValueOrDefault(name)?.Version(previous.Value)?.ArtifactHash == planned.Release.ArtifactHash ? "configuration"
                : "code";
            changes.Add(new FunctionChange(name, version, previous, created, planned.Release.Alias, what));
        }

        // Versions left behind (changed or removed functions) stay warm for a rollback, then stop: WarmVersions.
        var removed = _active.Keys.Where(name => !active.ContainsKey(name)).ToList();

        _active = active;
        Volatile.Write(ref _functionNames, change.Functions.Select(p => p.Release.Function).ToList());
        return new EnvironmentRelease(outcome.Number, outcome.Changed || changes.Any(c => c.What is not null) || removed.Count > 0, changes, removed);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _warm.Dispose();
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        await Runtime.DisposeAsync();
        Store.Dispose();
        DeployLock.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The version the function's alias serves when it is the newest and holds exactly this code and
    /// configuration, with no weighted routing; null when the release changes something for it.</summary>
    private int? Unchanged(Fathom.Deployments.Versions.DeploymentState state, FunctionRelease release)
    {
        if (!_active.TryGetValue(release.Function, out var active)
            || state.Functions.GetValueOrDefault(release.Function) is not { Latest: { } latest } deployment
            || deployment.Aliases.GetValueOrDefault(release.Alias) is not { Routing: null } alias
            || alias.Version != latest.Number || active != latest.Number || deployment.DefaultAlias != release.Alias)
        {
            return null;
        }

        return latest.ArtifactHash == release.ArtifactHash && latest.ConfigHash == release.ConfigHash ? latest.Number : null;
    }

    private async Task PrewarmAsync(string function, int version, bool provisioned)
    {
        var label = version.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (provisioned)
            {
                await Invoker.PreloadAsync(function, label);
            }
            else
            {
                await Invoker.PrewarmAsync(function, label);
            }
        }
        catch (Exception e) when (e is FunctionNotFoundException or Fathom.Runtime.Functions.FunctionLoadException or IOException or ObjectDisposedException)
        {
            // The first call reports the same problem with its request; nothing to add here.
        }
    }
}
