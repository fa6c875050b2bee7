using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An <c>SNS</c> event: the function subscribes to a topic.</summary>
public sealed record SnsEventModel : FunctionEventModel
{
    public required string TopicArn { get; init; }

    /// <summary>The topic's logical id when it is declared in this template.</summary>
    public string? TopicLogicalId { get; init; }

    public JsonElement? FilterPolicy { get; init; }
}
