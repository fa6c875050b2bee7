namespace Fathom.Runtime.RuntimeApi;

/// <summary>One parsed HTTP request to the Runtime API.</summary>
internal sealed class RuntimeApiRequest
{
    public required string Method { get; init; }

    /// <summary>The path without query string or trailing slash.</summary>
    public required string Path { get; init; }

    /// <summary>The query string without its <c>?</c>, or empty (the Runtime API has none; the platform endpoint may).</summary>
    public string Query { get; init; } = "";

    public required Dictionary<string, string> Headers { get; init; }

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Set when the body passed the size limit; the body is then empty.</summary>
    public bool BodyTooLarge { get; set; }

    /// <summary>Trailers sent after a chunked body (streamed responses report mid-stream errors there).</summary>
    public Dictionary<string, string>? Trailers { get; set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
