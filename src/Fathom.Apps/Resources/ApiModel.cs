using System.Text.Json;
using Fathom.Apps.Routes;

namespace Fathom.Apps.Resources;

/// <summary>A REST or HTTP API, declared or implicit (<c>ServerlessRestApi</c>, <c>ServerlessHttpApi</c>).</summary>
public sealed record ApiModel
{
    public required string LogicalId { get; init; }

    public required ApiKind Kind { get; init; }

    /// <summary>True for SAM's implicit APIs created from events without an API id.</summary>
    public bool Implicit { get; init; }

    /// <summary><c>Prod</c> for the implicit REST API, <c>$default</c> for HTTP APIs unless <c>StageName</c> is set.</summary>
    public required string StageName { get; init; }

    public string? Name { get; init; }

    /// <summary>CORS from <c>Cors</c> (REST) or <c>CorsConfiguration</c> (HTTP), Globals included.</summary>
    public CorsModel? Cors { get; init; }

    /// <summary>REST <c>BinaryMediaTypes</c> with SAM's <c>~1</c> escapes turned back into <c>/</c> (<c>image/png</c>).</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];

    /// <summary><c>Auth</c>, kept as data.</summary>
    public JsonElement? Auth { get; init; }

    /// <summary><c>Auth</c> as read: the authorizers, the default one, <c>ApiKeyRequired</c>.</summary>
    public Auth.ApiAuthModel AuthSettings { get; init; } = Fathom.Apps.Auth.ApiAuthModel.None;
}
