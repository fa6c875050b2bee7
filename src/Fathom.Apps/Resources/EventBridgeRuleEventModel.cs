using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An <c>EventBridgeRule</c> event: the function receives events matching a pattern.</summary>
public sealed record EventBridgeRuleEventModel : FunctionEventModel
{
    public JsonElement? Pattern { get; init; }

    /// <summary>Null means the default bus.</summary>
    public string? EventBusName { get; init; }

    public string? Input { get; init; }
}
