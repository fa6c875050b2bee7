namespace Fathom.Server.Hosting;

/// <summary>Where and how a <see cref="FathomServer"/> listens.</summary>
public sealed class ServerOptions
{
    /// <summary>Address both ports bind to: an IP address or <c>localhost</c>. Loopback by default, because
    /// neither port has authentication yet.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>App traffic port (API Gateway routes); 0 picks a free port.</summary>
    public int AppPort { get; set; } = 3000;

    /// <summary>Admin port (JSON API, Lambda Invoke API); 0 picks a free port.</summary>
    public int AdminPort { get; set; } = 9400;

    /// <summary>Where <c>server.json</c> is written while the server runs; null writes none.</summary>
    public string? DataDirectory { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
