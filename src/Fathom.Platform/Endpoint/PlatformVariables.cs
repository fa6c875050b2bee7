namespace Fathom.Platform.Endpoint;

/// <summary>The environment variables a feature gives every function so it finds what the feature serves on the
/// platform endpoint.</summary>
/// <param name="caller">The environment about to start.</param>
/// <param name="address">The endpoint's <c>host:port</c> as the function sees it (<c>127.0.0.1:9002</c> in a sandbox).</param>
public delegate IEnumerable<KeyValuePair<string, string>> PlatformVariables(SandboxCaller caller, string address);
