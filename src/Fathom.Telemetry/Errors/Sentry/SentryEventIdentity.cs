namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Who an event belongs to, as the platform knows it: the project's app and environment, and, for an event
/// from inside a sandbox, the calling environment's function and version, which win over what the event claims.</summary>
/// <param name="App">The project's app.</param>
/// <param name="Environment">The project's environment.</param>
/// <param name="Function">The caller's function, or null to take it from the event (<c>release</c>, then tags).</param>
/// <param name="Version">The caller's version, or null to take it from the event.</param>
internal sealed record SentryEventIdentity(string App, string Environment, string? Function = null, string? Version = null);
