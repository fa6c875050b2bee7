using Fathom.Apps.Resources;

namespace Fathom.Apps.Globals;

/// <summary>Which properties SAM accepts in each <c>Globals</c> section.</summary>
internal static class GlobalsSchema
{
    public static IReadOnlyDictionary<string, (string Type, string[] Properties)> Sections { get; } =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["Function"] = (ResourceTypes.ServerlessFunction,
            [
                "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig",
                "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "Layers", "AutoPublishAlias",
                "AutoPublishAliasAllProperties", "DeploymentPreference", "PermissionsBoundary", "ReservedConcurrentExecutions",
                "ProvisionedConcurrencyConfig", "AssumeRolePolicyDocument", "EventInvokeConfig", "Architectures",
                "EphemeralStorage", "SnapStart", "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig",
                "RecursiveLoop", "SourceKMSKeyArn", "CodeSigningConfigArn", "FileSystemConfigs",
            ]),
            ["Api"] = (ResourceTypes.ServerlessApi,
            [
                "Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions", "Variables",
                "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes", "MinimumCompressionSize", "Cors",
                "GatewayResponses", "AccessLogSetting", "CanarySetting", "TracingEnabled", "OpenApiVersion", "Domain",
                "AlwaysDeploy", "PropagateTags", "Tags",
            ]),
            ["HttpApi"] = (ResourceTypes.ServerlessHttpApi,
            [
                "Auth", "CorsConfiguration", "AccessLogSettings", "Tags", "PropagateTags", "DefaultRouteSettings",
                "RouteSettings", "Domain", "DisableExecuteApiEndpoint", "StageVariables",
            ]),
            ["SimpleTable"] = (ResourceTypes.SimpleTable, ["SSESpecification"]),
            ["LayerVersion"] = ("AWS::Serverless::LayerVersion", ["PublishLambdaVersion"]),
            ["StateMachine"] = ("AWS::Serverless::StateMachine", ["PropagateTags"]),
        };
}
