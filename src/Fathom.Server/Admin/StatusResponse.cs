namespace Fathom.Server.Admin;

/// <summary>Body of <c>GET /fathom/v1/status</c>.</summary>
internal sealed record StatusResponse(
    string AppUrl,
    string AdminUrl,
    int Pid,
    DateTimeOffset StartedAt,
    IReadOnlyList<StatusFunction> Functions,
    IReadOnlyList<StatusRoute> Routes);
