namespace Fathom.Apps.Resources;

/// <summary>SAM <c>DeploymentPreference</c>: how a new version replaces the old one.</summary>
public sealed record DeploymentPreferenceModel
{
    /// <summary>E.g. <c>Canary10Percent5Minutes</c>, <c>Linear10PercentEvery1Minute</c>, <c>AllAtOnce</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Alarm names (a <c>!Ref</c> to an alarm resolves to its name) that roll a deployment back.</summary>
    public IReadOnlyList<string> Alarms { get; init; } = [];

    /// <summary>Name of the function run before traffic shifts, when set.</summary>
    public string? PreTrafficHook { get; init; }

    /// <summary>Name of the function run after traffic shifts, when set.</summary>
    public string? PostTrafficHook { get; init; }

    public bool Enabled { get; init; } = true;
}
