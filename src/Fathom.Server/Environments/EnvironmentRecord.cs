using Fathom.Gateway.Routing;

namespace Fathom.Server.Environments;

/// <summary>What an app environment needs to serve again after a restart without a rebuild, kept as one JSON file per
/// environment under the data directory: its port, the parameter overrides later deploys reuse, the route table and the
/// functions (versions and aliases are in <c>deployments.db</c>; code in <c>artifacts/</c>). Written (temp file, then
/// rename) only after the release committed.</summary>
internal sealed record EnvironmentRecord
{
    public required string App { get; init; }

    public required string Environment { get; init; }

    /// <summary>The app-traffic port, kept for the environment's life.</summary>
    public required int Port { get; init; }

    /// <summary>The <c>--parameter-overrides</c> of the last deploy that gave some; reused until replaced.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<GatewayRoute> Routes { get; init; } = [];

    public IReadOnlyList<EnvironmentFunction> Functions { get; init; } = [];

    public EnvironmentRuntime Runtime { get; init; } = new();

    /// <summary>The channels (<c>fathom.yaml</c>) and SNS topics (template) notifications go to.</summary>
    public Fathom.Alerting.Notifications.NotificationTargets? Notifications { get; init; }

    /// <summary>The last deploy: its release number, time and who asked.</summary>
    public int? LastRelease { get; init; }

    public DateTimeOffset? LastDeployAt { get; init; }

    public string? LastDeployBy { get; init; }
}

/// <summary>A function the environment serves, by name, with the alias its routes use.</summary>
internal sealed record EnvironmentFunction(string Name, string Alias, int? ProvisionedConcurrency);

/// <summary>The app's runtime settings (template pseudo parameters and <c>fathom.yaml</c>'s <c>runtime:</c> section) that
/// shape the environment's runtime host.</summary>
internal sealed record EnvironmentRuntime
{
    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "000000000000";

    public int? MaxEnvironments { get; init; }

    public TimeSpan? IdleTimeout { get; init; }

    public int? QueueLength { get; init; }
}
