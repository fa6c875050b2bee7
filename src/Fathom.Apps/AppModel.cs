using Fathom.Apps.Config;
using Fathom.Apps.Resources;
using Fathom.Apps.Routes;

namespace Fathom.Apps;

/// <summary>A validated, immutable SAM application: what Fathom runs.</summary>
public sealed record AppModel
{
    /// <summary>Absolute path of the template file.</summary>
    public required string TemplatePath { get; init; }

    /// <summary>Absolute path of the directory holding the template; code paths are relative to it.</summary>
    public required string AppDirectory { get; init; }

    public required string StackName { get; init; }

    public required string Region { get; init; }

    public required string AccountId { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<FunctionModel> Functions { get; init; } = [];

    /// <summary>Every HTTP route across all APIs, in template order.</summary>
    public IReadOnlyList<RouteModel> Routes { get; init; } = [];

    public IReadOnlyList<ApiModel> Apis { get; init; } = [];

    /// <summary>Values of the template's <c>AWS::ApiGateway::ApiKey</c> resources, by logical id.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<ScheduleModel> Schedules { get; init; } = [];

    public IReadOnlyList<QueueModel> Queues { get; init; } = [];

    public IReadOnlyList<TopicModel> Topics { get; init; } = [];

    public IReadOnlyList<TableModel> Tables { get; init; } = [];

    public IReadOnlyList<AlarmModel> Alarms { get; init; } = [];

    /// <summary>Resources kept as declared but not run (each also has a warning).</summary>
    public IReadOnlyList<OpaqueResourceModel> NotEmulated { get; init; } = [];

    /// <summary>Parameter values after defaults and overrides; list parameters are comma-joined.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings from <c>fathom.yaml</c>, or defaults when there is none.</summary>
    public FathomConfig Config { get; init; } = FathomConfig.Empty;

    /// <summary>Finds a function by name or logical id.</summary>
    public FunctionModel? FindFunction(string nameOrLogicalId) =>
        Functions.FirstOrDefault(f => f.Name == nameOrLogicalId) ?? Functions.FirstOrDefault(f => f.LogicalId == nameOrLogicalId);
}
