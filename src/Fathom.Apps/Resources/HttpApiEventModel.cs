using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An <c>HttpApi</c> event: an HTTP API route (payload format 2.0 unless set otherwise).</summary>
public sealed record HttpApiEventModel : FunctionEventModel
{
    /// <summary>The path, or <c>$default</c> when the event names neither Path nor Method.</summary>
    public required string Path { get; init; }

    /// <summary>Upper case, or <c>ANY</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The API's logical id; <c>ServerlessHttpApi</c> for the implicit API.</summary>
    public required string ApiLogicalId { get; init; }

    public required string PayloadFormatVersion { get; init; }

    public int? TimeoutInMillis { get; init; }

    /// <summary><c>Auth</c>, kept as data.</summary>
    public JsonElement? Auth { get; init; }

    /// <summary><c>Auth</c> as read; null when the event has none.</summary>
    public Auth.EventAuthModel? AuthSettings { get; init; }
}
