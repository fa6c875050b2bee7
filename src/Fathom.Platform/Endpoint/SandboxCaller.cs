namespace Fathom.Platform.Endpoint;

/// <summary>
/// Who called the platform endpoint, as the platform knows it from the environment whose namespace the request came
/// in through; never from anything the function sent. Features stamp what they store with it, so no credential
/// needs to live inside a sandbox.
/// </summary>
/// <param name="Function">The function's name.</param>
/// <param name="Version">The version the environment runs.</param>
/// <param name="EnvironmentId">The execution environment's id.</param>
public sealed record SandboxCaller(string Function, string Version, string EnvironmentId)
{
    /// <summary>The app, where the host runs several (null until apps travel with functions).</summary>
    public string? App { get; init; }

    /// <summary>The app's environment, e.g. <c>local</c> (null until apps travel with functions).</summary>
    public string? Environment { get; init; }
}
