namespace Fathom.Deployments.Versions;

/// <summary>Settings for <see cref="DeploymentStore"/>.</summary>
public sealed record DeploymentStoreOptions
{
    /// <summary>The clock for created/updated times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The random source for weighted alias routing: returns a number in [0, 1). Must be thread-safe.</summary>
    public Func<double> NextDouble { get; init; } = Random.Shared.NextDouble;
}
