namespace Fathom.Server.Admin;

internal sealed record StatusFunction(
    string Name,
    string Runtime,
    string? Handler,
    IReadOnlyList<string> Versions,
    IReadOnlyList<StatusAlias> Aliases);
