namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>One app environment as Sentry SDKs address it: a numeric project id and the public key of its DSN.</summary>
/// <param name="Id">The project id (the last segment of a DSN).</param>
/// <param name="App">The app.</param>
/// <param name="Environment">The app's environment.</param>
/// <param name="PublicKey">The DSN's key: 32 hex digits.</param>
public sealed record SentryProject(int Id, string App, string Environment, string PublicKey)
{
    /// <summary>The DSN for a server at <paramref name="hostAndPort"/> (<c>127.0.0.1:9400</c>).</summary>
    public string Dsn(string hostAndPort) => $"http://{PublicKey}@{hostAndPort}/{Id}";
}
