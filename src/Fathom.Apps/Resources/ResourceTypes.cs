namespace Fathom.Apps.Resources;

/// <summary>The resource types Fathom reads into typed models.</summary>
internal static class ResourceTypes
{
    public const string ServerlessFunction = "AWS::Serverless::Function";
    public const string LambdaFunction = "AWS::Lambda::Function";
    public const string ServerlessApi = "AWS::Serverless::Api";
    public const string ServerlessHttpApi = "AWS::Serverless::HttpApi";
    public const string SimpleTable = "AWS::Serverless::SimpleTable";
    public const string Queue = "AWS::SQS::Queue";
    public const string Topic = "AWS::SNS::Topic";
    public const string Alarm = "AWS::CloudWatch::Alarm";
    public const string Role = "AWS::IAM::Role";
    public const string ApiKey = "AWS::ApiGateway::ApiKey";

    public static IReadOnlySet<string> Emulated { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ServerlessFunction, LambdaFunction, ServerlessApi, ServerlessHttpApi, SimpleTable, Queue, Topic, Alarm, ApiKey,
    };

    public static bool IsFunction(string type) => type is ServerlessFunction or LambdaFunction;
}
