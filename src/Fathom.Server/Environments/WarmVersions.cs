using System.Globalization;
using Fathom.Deployments.Versions;

namespace Fathom.Server.Environments;

/// <summary>Keeps the versions an alias moved away from loaded (their environments warm) for a server-level period,
/// so a rollback inside it is an alias flip with no cold start; after the period they are unloaded. A version that is
/// an alias target again (a rollback, a quick revert) is kept. Loaded is not enough: an idle environment scales to
/// zero after the runtime's idle timeout (5 minutes by default), so every <see cref="RewarmInterval"/> each kept version
/// is asked to have one environment again. One per app environment.</summary>
public sealed class WarmVersions : IDisposable
{
    /// <summary>The shortest period: requests that resolved the old version just before a flip still find it loaded.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The default period (<c>--keep-warm</c>).</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMinutes(15);

    /// <summary>How often kept versions get an environment back if theirs scaled to zero.</summary>
    public static readonly TimeSpan RewarmInterval = TimeSpan.FromSeconds(30);

    private readonly DeploymentStore _store;
    private readonly Func<string, string, Task> _unload;
    private readonly Func<string, string, Task>? _rewarm;
    private readonly ITimer? _rewarmTimer;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Function, int Version), DateTimeOffset> _retiredAt = [];
    private readonly ITimer _timer;
    private HashSet<(string Function, int Version)> _targets;
    private bool _disposed;

    /// <param name="store">The environment whose alias moves are watched.</param>
    /// <param name="unload">Unloads one version (function, version label); in-flight invocations finish first.</param>
    /// <param name="period">How long a version stays loaded after it stopped being an alias target.</param>
    /// <param name="time">The clock.</param>
    /// <param name="rewarm">Starts one environment for a loaded version that has none (null: loaded is enough).</param>
    public WarmVersions(DeploymentStore store, Func<string, string, Task> unload, TimeSpan period, TimeProvider time, Func<string, string, Task>? rewarm = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(unload);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _unload = unload;
        _time = time;
        Period = period < MinimumPeriod ? MinimumPeriod : period;
        _targets = Targets(store.State);
        _timer = time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _rewarm = rewarm;
        _rewarmTimer = rewarm is null ? null : time.CreateTimer(_ => Rewarm(), null, RewarmInterval, RewarmInterval);
        store.StateChanged += OnStateChanged;
    }

    /// <summary>The period in effect (never below <see cref="MinimumPeriod"/>).</summary>
    public TimeSpan Period { get; }

    /// <summary>The versions kept warm that no alias points at, with when they stopped being a target.</summary>
    public IReadOnlyDictionary<(string Function, int Version), DateTimeOffset> Retired
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<(string, int), DateTimeOffset>(_retiredAt);
            }
        }
    }

    public void Dispose()
    {
        _store.StateChanged -= OnStateChanged;
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
        _rewarmTimer?.Dispose();
    }

    private void Rewarm()
    {
        List<(string Function, int Version)> kept;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            kept = [.. _retiredAt.Keys];
        }

        foreach (var (function, version) in kept)
        {
            _ = CallAsync(_rewarm!, function, version);
        }
    }

    private void OnStateChanged(DeploymentState state)
    {
        var now = _time.GetUtcNow();
        var targets = Targets(state);
        lock (_lock)
        {
            foreach (var left in _targets.Where(t => !targets.Contains(t)))
            {
                _retiredAt[left] = now;
            }

            foreach (var target in targets)
            {
                _retiredAt.Remove(target);
            }

            _targets = targets;
            ScheduleNext();
        }
    }

    private void Sweep()
    {
        var due = new List<(string Function, int Version)>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            foreach (var (key, retiredAt) in _retiredAt)
            {
                if (retiredAt + Period <= now && !_targets.Contains(key))
                {
                    due.Add(key);
                }
            }

            foreach (var key in due)
            {
                _retiredAt.Remove(key);
            }

            ScheduleNext();
        }

        foreach (var (function, version) in due)
        {
            _ = CallAsync(_unload, function, version);
        }
    }

    private static async Task CallAsync(Func<string, string, Task> action, string function, int version)
    {
        try
        {
            await action(function, version.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Background upkeep: shutting down, a version already gone or whose artifact is missing, an environment
            // that fails to start (the next call reports it). Nothing here may fail a release or the host.
        }
    }

    private void ScheduleNext()
    {
        if (_disposed)
        {
            return;
        }

        if (_retiredAt.Count == 0)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var next = _retiredAt.Values.Min() + Period - _time.GetUtcNow();
        _timer.Change(next < TimeSpan.Zero ? TimeSpan.Zero : next, Timeout.InfiniteTimeSpan);
    }

    private static HashSet<(string Function, int Version)> Targets(DeploymentState state)
    {
        var targets = new HashSet<(string, int)>();
        foreach (var function in state.Functions.Values)
        {
            foreach (var alias in function.Aliases.Values)
            {
                targets.Add((function.Name, alias.Version));
                if (alias.Routing is { } routing)
                {
                    targets.Add((function.Name, routing.AdditionalVersion));
                }
            }
        }

        return targets;
    }
}
