using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>
/// A validated function (<c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>) with Globals merged and
/// intrinsics resolved.
/// </summary>
public sealed record FunctionModel
{
    /// <summary>The resource's logical id in the template.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The function's identity: <c>FunctionName</c> when set, else the logical id.</summary>
    public required string Name { get; init; }

    /// <summary><c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>.</summary>
    public required string Arn { get; init; }

    /// <summary>The CloudFormation type the function was declared with.</summary>
    public required string ResourceType { get; init; }

    /// <summary><c>Zip</c> (code on disk) or <c>Image</c>.</summary>
    public string PackageType { get; init; } = "Zip";

    /// <summary>Lambda runtime identifier such as <c>nodejs20.x</c>; null for image functions.</summary>
    public string? Runtime { get; init; }

    /// <summary>Handler such as <c>app.handler</c>; null for image functions.</summary>
    public string? Handler { get; init; }

    /// <summary>Absolute path of the code (a directory, or a .zip/.jar file), from <c>CodeUri</c>; null for inline code.</summary>
    public string? CodeDirectory { get; init; }

    /// <summary>Inline source from <c>InlineCode</c> (or <c>Code.ZipFile</c>).</summary>
    public string? InlineCode { get; init; }

    /// <summary>Container image from <c>ImageUri</c> (kept; images are not run by Fathom).</summary>
    public string? ImageUri { get; init; }

    /// <summary>Memory in MB, 128 to 10240; default 128.</summary>
    public int MemorySize { get; init; } = 128;

    /// <summary>Timeout, 1 to 900 seconds; default 3 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Environment variables with intrinsics resolved (Globals merged key by key).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>x86_64</c> or <c>arm64</c>; default <c>[x86_64]</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];

    /// <summary>Layer ARNs or logical ids, as resolved.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary><c>Active</c>, <c>PassThrough</c> or <c>Disabled</c>, when set.</summary>
    public string? Tracing { get; init; }

    /// <summary>Log format and levels from <c>LoggingConfig</c>.</summary>
    public FunctionLoggingModel Logging { get; init; } = new();

    /// <summary>Alias published on each deploy (SAM <c>AutoPublishAlias</c>).</summary>
    public string? AutoPublishAlias { get; init; }

    /// <summary>Gradual deployment settings, when present.</summary>
    public DeploymentPreferenceModel? DeploymentPreference { get; init; }

    public int? ReservedConcurrentExecutions { get; init; }

    /// <summary>From <c>ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions</c>.</summary>
    public int? ProvisionedConcurrency { get; init; }

    public DeadLetterQueueModel? DeadLetterQueue { get; init; }

    public EventInvokeConfigModel? EventInvokeConfig { get; init; }

    public FunctionUrlConfigModel? FunctionUrlConfig { get; init; }

    /// <summary>SAM <c>Policies</c>, resolved and kept as data.</summary>
    public JsonElement? Policies { get; init; }

    /// <summary>The execution role: <c>Role</c> when set, else SAM's implicit <c>&lt;LogicalId&gt;Role</c> ARN.</summary>
    public string? Role { get; init; }

    public string? Description { get; init; }

    /// <summary>Event sources, typed for the kinds Fathom emulates.</summary>
    public IReadOnlyList<FunctionEventModel> Events { get; init; } = [];
}
