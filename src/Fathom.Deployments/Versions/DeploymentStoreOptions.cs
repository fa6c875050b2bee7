using Fathom.Deployments.Releases;
using Fathom.Platform.Events;

namespace Fathom.Deployments.Versions;

/// <summary>Settings for <see cref="DeploymentStore"/>.</summary>
public sealed record DeploymentStoreOptions
{
    /// <summary>The clock for created/updated times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The random source for weighted alias routing: returns a number in [0, 1). Must be thread-safe.</summary>
    public Func<double> NextDouble { get; init; } = Random.Shared.NextDouble;

    /// <summary>Where <c>release</c> and <c>alias.moved</c> events go. They are first written to an outbox inside
    /// <c>deployments.db</c> in the transaction that makes the change, then moved here after the commit (and at the
    /// next open, after a crash between the two). Null keeps them in the outbox.</summary>
    public PlatformEventStore? Events { get; init; }

    /// <summary>The test-only crash hook; null reads <see cref="CrashPoints.Variable"/> when the store opens.</summary>
    public CrashPoints? CrashPoints { get; init; }
}
