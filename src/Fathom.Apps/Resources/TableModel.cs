namespace Fathom.Apps.Resources;

/// <summary>An <c>AWS::Serverless::SimpleTable</c>.</summary>
public sealed record TableModel
{
    public required string LogicalId { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>Partition key name; default <c>id</c>.</summary>
    public string PrimaryKeyName { get; init; } = "id";

    /// <summary><c>String</c>, <c>Number</c> or <c>Binary</c>; default <c>String</c>.</summary>
    public string PrimaryKeyType { get; init; } = "String";
}
