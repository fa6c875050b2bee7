namespace Fathom.Apps.Intrinsics;

/// <summary>CloudFormation pseudo parameters with local values (region and account from the load options).</summary>
internal sealed class PseudoParameters(string region, string accountId, string stackName)
{
    public const string NoValue = "AWS::NoValue";

    public static IReadOnlyList<string> Names { get; } =
        ["AWS::AccountId", "AWS::NotificationARNs", NoValue, "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    public string Region { get; } = region;

    public string AccountId { get; } = accountId;

    public string StackName { get; } = stackName;

    /// <summary>A stable stack id, so values derived from it do not change between runs.</summary>
    public string StackId => $"arn:aws:cloudformation:{Region}:{AccountId}:stack/{StackName}/00000000-0000-0000-0000-000000000000";

    public bool TryGet(string name, out string? value)
    {
        value = name switch
        {
            "AWS::AccountId" => AccountId,
            "AWS::Region" => Region,
            "AWS::StackName" => StackName,
            "AWS::StackId" => StackId,
            "AWS::Partition" => "aws",
            "AWS::URLSuffix" => "amazonaws.com",
            _ => null,
        };
        return value is not null || name is NoValue or "AWS::NotificationARNs";
    }
}
