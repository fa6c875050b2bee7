namespace Fathom.Platform.Endpoint;

/// <summary>One request a function made to the platform endpoint.</summary>
public sealed class PlatformEndpointRequest
{
    /// <summary>The HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>The path without query string.</summary>
    public required string Path { get; init; }

    /// <summary>The query string without its <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>Request headers (names case-insensitive).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Which environment sent it.</summary>
    public required SandboxCaller Caller { get; init; }
}
