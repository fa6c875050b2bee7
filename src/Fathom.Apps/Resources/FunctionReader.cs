using Fathom.Apps.Routes;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::Serverless::Function</c> and <c>AWS::Lambda::Function</c> resources into <see cref="FunctionModel"/>.</summary>
internal sealed class FunctionReader(TemplateContext context)
{
    public FunctionRead Read(ResourceEntry entry) =>
        entry.Type == ResourceTypes.LambdaFunction ? ReadLambda(entry) : ReadServerless(entry);

    private FunctionRead ReadServerless(ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var name = context.Resources.NameOf(entry);
        var (events, locations) = new FunctionEventReader(context).ReadAll(entry, p);
        var model = new FunctionModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = context.Resources.FunctionArn(name),
            ResourceType = entry.Type,
            PackageType = p.String("PackageType") ?? (p.Raw("ImageUri") is null ? "Zip" : "Image"),
            Runtime = p.String("Runtime"),
            Handler = p.String("Handler"),
            CodeDirectory = CodePath(p.Raw("CodeUri")),
            InlineCode = p.String("InlineCode"),
            ImageUri = p.String("ImageUri"),
            MemorySize = p.Int("MemorySize") ?? 128,
            Timeout = TimeSpan.FromSeconds(p.Int("Timeout") ?? 3),
            Environment = p.Map("Environment")?.StringMap("Variables") ?? new Dictionary<string, string>(),
            Architectures = Architectures(p),
            Layers = p.StringList("Layers"),
            Tracing = p.String("Tracing"),
            Logging = Logging(p.Map("LoggingConfig")),
            AutoPublishAlias = p.String("AutoPublishAlias"),
            DeploymentPreference = DeploymentPreference(p.Map("DeploymentPreference")),
            ReservedConcurrentExecutions = p.Int("ReservedConcurrentExecutions"),
            ProvisionedConcurrency = p.Map("ProvisionedConcurrencyConfig")?.Int("ProvisionedConcurrentExecutions"),
            DeadLetterQueue = p.Map("DeadLetterQueue") is { } dlq ? new DeadLetterQueueModel(dlq.String("Type") ?? "SQS", dlq.String("TargetArn") ?? string.Empty) : null,
            EventInvokeConfig = EventInvokeConfig(p.Map("EventInvokeConfig")),
            FunctionUrlConfig = FunctionUrl(p.Map("FunctionUrlConfig")),
            Policies = p.Data("Policies"),
            Role = p.String("Role") ?? context.Resources.RoleArn(entry.LogicalId + "Role"),
            Description = p.String("Description"),
            Events = events,
        };
        return new FunctionRead(model, locations);
    }

    private FunctionRead ReadLambda(ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var name = context.Resources.NameOf(entry);
        var code = p.Raw("Code") is ScalarNode ? null : p.Map("Code");
        var deadLetterArn = p.Map("DeadLetterConfig")?.String("TargetArn");
        var model = new FunctionModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = context.Resources.FunctionArn(name),
            ResourceType = entry.Type,
            PackageType = p.String("PackageType") ?? (code?.Raw("ImageUri") is null ? "Zip" : "Image"),
            Runtime = p.String("Runtime"),
            Handler = p.String("Handler"),
            CodeDirectory = p.Raw("Code") is ScalarNode ? CodePath(p.Raw("Code")) : null,
            InlineCode = code?.String("ZipFile"),
            ImageUri = code?.String("ImageUri"),
            MemorySize = p.Int("MemorySize") ?? 128,
            Timeout = TimeSpan.FromSeconds(p.Int("Timeout") ?? 3),
            Environment = p.Map("Environment")?.StringMap("Variables") ?? new Dictionary<string, string>(),
            Architectures = Architectures(p),
            Layers = p.StringList("Layers"),
            Tracing = p.Map("TracingConfig")?.String("Mode"),
            Logging = Logging(p.Map("LoggingConfig")),
            ReservedConcurrentExecutions = p.Int("ReservedConcurrentExecutions"),
            DeadLetterQueue = deadLetterArn is null ? null : new DeadLetterQueueModel(deadLetterArn.Contains(":sns:", StringComparison.Ordinal) ? "SNS" : "SQS", deadLetterArn),
            Role = p.String("Role"),
            Description = p.String("Description"),
        };
        return new FunctionRead(model, new Dictionary<string, SourceLocation>());
    }

    /// <summary>A local code path made absolute against the app directory; S3 locations are reported by a validator.</summary>
    private string? CodePath(TemplateNode? raw)
    {
        if (raw is null || context.Resolver.ResolveText(raw) is not { } path || path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(context.AppDirectory, path)));
    }

    private static IReadOnlyList<string> Architectures(PropertyReader p)
    {
        var architectures = p.StringList("Architectures");
        return architectures.Count == 0 ? ["x86_64"] : architectures;
    }

    private static FunctionLoggingModel Logging(PropertyReader? p) => p is null
        ? new FunctionLoggingModel()
        : new FunctionLoggingModel
        {
            LogFormat = p.String("LogFormat") ?? "Text",
            ApplicationLogLevel = p.String("ApplicationLogLevel"),
            SystemLogLevel = p.String("SystemLogLevel"),
            LogGroup = p.String("LogGroup"),
        };

    private static DeploymentPreferenceModel? DeploymentPreference(PropertyReader? p)
    {
        if (p is null)
        {
            return null;
        }

        var hooks = p.Map("Hooks");
        return new DeploymentPreferenceModel
        {
            Type = p.String("Type") ?? "AllAtOnce",
            Alarms = p.StringList("Alarms"),
            PreTrafficHook = hooks?.String("PreTraffic"),
            PostTrafficHook = hooks?.String("PostTraffic"),
            Enabled = p.Bool("Enabled") ?? true,
        };
    }

    private static EventInvokeConfigModel? EventInvokeConfig(PropertyReader? p)
    {
        if (p is null)
        {
            return null;
        }

        var destinations = p.Map("DestinationConfig");
        return new EventInvokeConfigModel
        {
            MaximumRetryAttempts = p.Int("MaximumRetryAttempts", 0, 2),
            MaximumEventAgeInSeconds = p.Int("MaximumEventAgeInSeconds", 60, 21600, " s"),
            OnSuccess = Destination(destinations?.Map("OnSuccess")),
            OnFailure = Destination(destinations?.Map("OnFailure")),
        };
    }

    private static EventDestinationModel? Destination(PropertyReader? p) =>
        p is null ? null : new EventDestinationModel(p.String("Type"), p.String("Destination"));

    private static FunctionUrlConfigModel? FunctionUrl(PropertyReader? p) => p is null
        ? null
        : new FunctionUrlConfigModel
        {
            AuthType = p.String("AuthType") ?? "NONE",
            InvokeMode = p.String("InvokeMode") ?? "BUFFERED",
            Cors = CorsReader.ReadHttp(p, "Cors"),
        };
}
