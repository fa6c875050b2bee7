using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An event type Fathom does not emulate (S3, Kinesis, DynamoDB, ...): kept, with a warning.</summary>
public sealed record OtherEventModel : FunctionEventModel
{
    public JsonElement? Properties { get; init; }
}
