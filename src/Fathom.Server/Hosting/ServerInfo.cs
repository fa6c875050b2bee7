namespace Fathom.Server.Hosting;

/// <summary>The content of <c>server.json</c> (mode 0600): how commands find a running server, and under
/// <c>fathom server</c> the owner token they send it.</summary>
public sealed record ServerInfo(string? AppUrl, string AdminUrl, int Pid, DateTimeOffset StartedAt, string? Token = null)
{
    public const string FileName = "server.json";

    /// <summary>Reads <c>server.json</c> from a data directory, or null when no server wrote one there.</summary>
    public static ServerInfo? Read(string dataDirectory) => ServerInfoFile.Read(dataDirectory);
}
