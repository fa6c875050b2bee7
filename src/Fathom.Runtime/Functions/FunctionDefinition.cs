namespace Fathom.Runtime.Functions;

/// <summary>Everything the runtime needs to run one version of a function.</summary>
public sealed record FunctionDefinition
{
    /// <summary>The function name (DESIGN.md "Function identity").</summary>
    public required string Name { get; init; }

    /// <summary>The app the function belongs to (its stack name); carried on every runtime event.</summary>
    public required string App { get; init; }

    /// <summary>The environment the app runs in (<c>fathom up</c>: <c>local</c>); carried on every runtime event.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary><c>$LATEST</c> or a published version number.</summary>
    public string Version { get; init; } = "$LATEST";

    /// <summary>The Lambda runtime identifier: any <c>nodejsNN.x</c>, <c>provided.al2</c> or <c>provided.al2023</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>The handler string, e.g. <c>app.handler</c>; passed to the runtime as <c>_HANDLER</c>.</summary>
    public required string Handler { get; init; }

    /// <summary>The directory holding the function's code; the runtime's working directory.</summary>
    public required string CodeDirectory { get; init; }

    public int MemorySizeMb { get; init; } = 128;

    /// <summary>How long one invocation may run before its environment is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The function's own environment variables (set after the platform's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>Text</c> or <c>JSON</c> (LoggingConfig.LogFormat); null leaves <c>AWS_LAMBDA_LOG_FORMAT</c> unset.</summary>
    public string? LogFormat { get; init; }

    /// <summary>LoggingConfig.ApplicationLogLevel, passed as <c>AWS_LAMBDA_LOG_LEVEL</c>.</summary>
    public string? ApplicationLogLevel { get; init; }

    /// <summary>ReservedConcurrentExecutions: the throttle limit for this function; null uses the platform default; 0 throttles every call.</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>ProvisionedConcurrencyConfig: environments started ahead of traffic and kept warm; null or 0 for none.</summary>
    public int? ProvisionedConcurrency { get; init; }

    /// <summary>Whether the function may reach the internet from its sandbox; null takes <c>RuntimeOptions.OutboundNetwork</c>.</summary>
    public bool? OutboundNetwork { get; init; }

    /// <summary>Declared architectures (recorded; functions run on this machine's architecture).</summary>
    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];
}
