using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An <c>Api</c> event: a REST API route (payload format 1.0).</summary>
public sealed record ApiEventModel : FunctionEventModel
{
    public required string Path { get; init; }

    /// <summary>Upper case, or <c>ANY</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The API's logical id; <c>ServerlessRestApi</c> for the implicit API.</summary>
    public required string ApiLogicalId { get; init; }

    /// <summary><c>Auth</c>, kept as data.</summary>
    public JsonElement? Auth { get; init; }

    /// <summary><c>Auth</c> as read; null when the event has none.</summary>
    public Auth.EventAuthModel? AuthSettings { get; init; }
}
