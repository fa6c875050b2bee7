using System.Text;

namespace Fathom.Platform.Endpoint;

/// <summary>What the platform endpoint answers a function.</summary>
public sealed class PlatformEndpointResponse
{
    /// <summary>The HTTP status.</summary>
    public required int Status { get; init; }

    /// <summary>The body's media type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Headers beyond the content type (e.g. <c>Retry-After</c>), or null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>A JSON response.</summary>
    public static PlatformEndpointResponse Json(int status, string json) => new() { Status = status, Body = Encoding.UTF8.GetBytes(json) };
}
