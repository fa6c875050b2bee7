using Fathom.Platform.Endpoint;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>One Sentry request, whichever port it came in through.</summary>
internal sealed record SentryIngestRequest
{
    /// <summary>The <c>{projectId}</c> segment of the path, as sent.</summary>
    public required string ProjectId { get; init; }

    /// <summary>True for <c>/envelope/</c>, false for the legacy <c>/store/</c>.</summary>
    public required bool Envelope { get; init; }

    public string? AuthHeader { get; init; }

    /// <summary>The query string, without its <c>?</c>.</summary>
    public string Query { get; init; } = "";

    public string? ContentEncoding { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The sandbox that sent it (platform endpoint), or null on the admin port.</summary>
    public SandboxCaller? Caller { get; init; }
}
