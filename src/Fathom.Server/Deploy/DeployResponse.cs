namespace Fathom.Server.Deploy;

/// <summary>What a deploy did, as <c>fathom deploy</c> prints it.</summary>
internal sealed record DeployResponse(
    string App,
    string Environment,
    string? Url,
    int Port,
    bool Created,
    int Release,
    bool Changed,
    IReadOnlyList<DeployedFunction> Functions,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, string> ParameterOverrides,
    IReadOnlyList<string> Warnings);

/// <summary>One function after a deploy: <c>unchanged</c>, <c>new</c> (its first version here) or <c>updated</c>, with
/// what changed (<c>code</c> or <c>configuration</c>).</summary>
internal sealed record DeployedFunction(string Name, int Version, int? PreviousVersion, string Alias, string Status, string? Change);
