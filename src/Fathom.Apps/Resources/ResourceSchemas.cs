namespace Fathom.Apps.Resources;

/// <summary>The properties each typed resource and event accepts, for unknown-property errors with did-you-mean.</summary>
internal static class ResourceSchemas
{
    public static readonly string[] ResourceAttributes =
        ["Type", "Properties", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Connectors", "IgnoreGlobals"];

    public static readonly string[] TopLevelSections =
        ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs"];

    public static IReadOnlyDictionary<string, string[]> Properties { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [ResourceTypes.ServerlessFunction] =
        [
            "Architectures", "AssumeRolePolicyDocument", "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256",
            "CodeSigningConfigArn", "CodeUri", "DeadLetterQueue", "DeploymentPreference", "Description", "Environment",
            "EphemeralStorage", "EventInvokeConfig", "Events", "FileSystemConfigs", "FunctionName", "FunctionUrlConfig", "Handler",
            "ImageConfig", "ImageUri", "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType",
            "PermissionsBoundary", "Policies", "PropagateTags", "ProvisionedConcurrencyConfig", "RecursiveLoop",
            "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig", "SnapStart",
            "SourceKMSKeyArn", "Tags", "Timeout", "Tracing", "VersionDescription", "VpcConfig",
        ],
        [ResourceTypes.LambdaFunction] =
        [
            "Architectures", "Code", "CodeSigningConfigArn", "DeadLetterConfig", "Description", "Environment", "EphemeralStorage",
            "FileSystemConfigs", "FunctionName", "Handler", "ImageConfig", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize",
            "PackageType", "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "Runtime", "RuntimeManagementConfig",
            "SnapStart", "Tags", "Timeout", "TracingConfig", "VpcConfig",
        ],
        [ResourceTypes.ServerlessApi] =
        [
            "AccessLogSetting", "AlwaysDeploy", "ApiKeySourceType", "Auth", "BinaryMediaTypes", "CacheClusterEnabled",
            "CacheClusterSize", "CanarySetting", "Cors", "DefinitionBody", "DefinitionUri", "Description",
            "DisableExecuteApiEndpoint", "Domain", "EndpointConfiguration", "FailOnWarnings", "GatewayResponses",
            "MergeDefinitions", "MethodSettings", "MinimumCompressionSize", "Mode", "Models", "Name", "OpenApiVersion", "Policy",
            "PropagateTags", "StageName", "Tags", "TracingEnabled", "Variables",
        ],
        [ResourceTypes.ServerlessHttpApi] =
        [
            "AccessLogSettings", "Auth", "CorsConfiguration", "DefaultRouteSettings", "DefinitionBody", "DefinitionUri",
            "Description", "DisableExecuteApiEndpoint", "Domain", "FailOnWarnings", "Name", "PropagateTags", "RouteSettings",
            "StageName", "StageVariables", "Tags",
        ],
        [ResourceTypes.SimpleTable] = ["PointInTimeRecoverySpecification", "PrimaryKey", "ProvisionedThroughput", "SSESpecification", "TableName", "Tags"],
        [ResourceTypes.Queue] =
        [
            "ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue", "FifoThroughputLimit",
            "KmsDataKeyReusePeriodSeconds", "KmsMasterKeyId", "MaximumMessageSize", "MessageRetentionPeriod", "QueueName",
            "ReceiveMessageWaitTimeSeconds", "RedriveAllowPolicy", "RedrivePolicy", "SqsManagedSseEnabled", "Tags", "VisibilityTimeout",
        ],
        [ResourceTypes.Topic] =
        [
            "ArchivePolicy", "ContentBasedDeduplication", "DataProtectionPolicy", "DeliveryStatusLogging", "DisplayName", "FifoThroughputScope",
            "FifoTopic", "KmsMasterKeyId", "SignatureVersion", "Subscription", "Tags", "TopicName", "TracingConfig",
        ],
        [ResourceTypes.Alarm] =
        [
            "ActionsEnabled", "AlarmActions", "AlarmDescription", "AlarmName", "ComparisonOperator", "DatapointsToAlarm", "Dimensions",
            "EvaluateLowSampleCountPercentile", "EvaluationPeriods", "ExtendedStatistic", "InsufficientDataActions", "MetricName",
            "Metrics", "Namespace", "OKActions", "Period", "Statistic", "Tags", "Threshold", "ThresholdMetricId", "TreatMissingData", "Unit",
        ],
    };

    /// <summary>Event types Fathom reads into typed models.</summary>
    public static IReadOnlyDictionary<string, string[]> EventProperties { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Api"] = ["Auth", "Method", "Path", "RequestModel", "RequestParameters", "ResponseTransferMode", "RestApiId", "TimeoutInMillis"],
        ["HttpApi"] = ["ApiId", "Auth", "Method", "Path", "PayloadFormatVersion", "RouteSettings", "TimeoutInMillis"],
        ["Schedule"] = ["DeadLetterConfig", "Description", "Enabled", "Input", "Name", "RetryPolicy", "Schedule", "State", "Target", "RoleArn"],
        ["ScheduleV2"] =
        [
            "DeadLetterConfig", "Description", "EndDate", "FlexibleTimeWindow", "GroupName", "Input", "KmsKeyArn", "Name", "OmitName",
            "PermissionsBoundary", "RetryPolicy", "RoleArn", "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate", "State",
        ],
        ["SQS"] =
        [
            "BatchSize", "Enabled", "FilterCriteria", "FunctionResponseTypes", "KmsKeyArn", "MaximumBatchingWindowInSeconds",
            "MetricsConfig", "Queue", "ScalingConfig",
        ],
        ["SNS"] = ["FilterPolicy", "FilterPolicyScope", "RedrivePolicy", "Region", "SqsSubscription", "Topic"],
        ["EventBridgeRule"] =
        [
            "DeadLetterConfig", "EventBusName", "Input", "InputPath", "InputTransformer", "Pattern", "RetryPolicy", "RuleName", "State", "Target",
        ],
    };

    /// <summary>Other SAM event types: accepted and kept as data, with a "not emulated" warning.</summary>
    public static readonly string[] OtherEventTypes =
    [
        "S3", "Kinesis", "DynamoDB", "CloudWatchEvent", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito", "MSK", "MQ",
        "SelfManagedKafka", "DocumentDB",
    ];

    public static IEnumerable<string> AllEventTypes => EventProperties.Keys.Concat(OtherEventTypes);
}
