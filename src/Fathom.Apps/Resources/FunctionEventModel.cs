using System.Text.Json.Serialization;

namespace Fathom.Apps.Resources;

/// <summary>One entry of a function's <c>Events</c>; the subclass says which kind.</summary>
[JsonDerivedType(typeof(ApiEventModel))]
[JsonDerivedType(typeof(HttpApiEventModel))]
[JsonDerivedType(typeof(ScheduleEventModel))]
[JsonDerivedType(typeof(SqsEventModel))]
[JsonDerivedType(typeof(SnsEventModel))]
[JsonDerivedType(typeof(EventBridgeRuleEventModel))]
[JsonDerivedType(typeof(OtherEventModel))]
public abstract record FunctionEventModel
{
    /// <summary>The event's key under <c>Events</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The SAM event type, e.g. <c>Api</c>, <c>HttpApi</c>, <c>Schedule</c>, <c>SQS</c>.</summary>
    public required string Type { get; init; }
}
