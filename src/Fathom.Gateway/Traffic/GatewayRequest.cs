namespace Fathom.Gateway.Traffic;

/// <summary>What an event needs from one HTTP request, captured once.</summary>
internal sealed record GatewayRequest
{
    public required string RequestId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Upper-case method.</summary>
    public required string Method { get; init; }

    /// <summary>The path as the client sent it (percent-encoded), without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The decoded path.</summary>
    public required string Path { get; init; }

    /// <summary>The query without the leading <c>?</c>, as sent.</summary>
    public required string RawQuery { get; init; }

    /// <summary>Decoded query pairs in order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>Headers in arrival order, one entry per value.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required string Protocol { get; init; }

    public required string SourceIp { get; init; }

    public string UserAgent { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>The body text (UTF-8 or base64), or null when the request had none.</summary>
    public string? Body { get; init; }

    public bool IsBase64Encoded { get; init; }
}
