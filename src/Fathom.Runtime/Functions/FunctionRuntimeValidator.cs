using System.Text.RegularExpressions;

namespace Fathom.Runtime.Functions;

/// <summary>Checks a definition before it is loaded: the runtime identifier and the environment variables.</summary>
internal static partial class FunctionRuntimeValidator
{
    public const string Supported = "nodejsNN.x (any Node.js version; runs on this machine's node), provided.al2, provided.al2023";

    /// <summary>Keys Lambda reserves: a function cannot set them (Lambda rejects the configuration too).</summary>
    public static readonly IReadOnlySet<string> ReservedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "FATHOM_ENV_ID",
    };

    /// <summary>Returns the runtime kind and, for Node, the declared major version.</summary>
    public static (RuntimeKind Kind, int? NodeMajor) Validate(FunctionDefinition definition)
    {
        var errors = new List<string>();
        (RuntimeKind, int?) result = default;
        var match = NodeRuntime().Match(definition.Runtime ?? "");
        if (match.Success)
        {
            result = (RuntimeKind.Node, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (definition.Runtime is "provided.al2" or "provided.al2023" or "provided")
        {
            result = (RuntimeKind.Provided, null);
        }
        else
        {
            errors.Add($"runtime '{definition.Runtime}' is not supported; supported: {Supported}");
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add("the function name is empty");
        }

        if (string.IsNullOrWhiteSpace(definition.Handler) && result.Item1 == RuntimeKind.Node)
        {
            errors.Add("the handler is empty (expected e.g. 'app.handler')");
        }

        if (!Directory.Exists(definition.CodeDirectory))
        {
            errors.Add($"the code directory '{definition.CodeDirectory}' does not exist");
        }

        if (definition.Timeout <= TimeSpan.Zero)
        {
            errors.Add("the timeout must be positive");
        }

        if (definition.MemorySizeMb <= 0)
        {
            errors.Add("the memory size must be positive");
        }

        if (definition.ReservedConcurrency is < 0)
        {
            errors.Add("reserved concurrency cannot be negative");
        }

        if (definition.ProvisionedConcurrency is < 0)
        {
            errors.Add("provisioned concurrency cannot be negative");
        }
        else if (definition.ProvisionedConcurrency is { } provisioned && definition.ReservedConcurrency is { } reserved && provisioned > reserved)
        {
            errors.Add("provisioned concurrency cannot exceed reserved concurrency");
        }

        foreach (var key in definition.Environment.Keys)
        {
            if (ReservedVariables.Contains(key))
            {
                errors.Add($"environment variable '{key}' is reserved by the runtime");
            }
            else if (!VariableName().IsMatch(key))
            {
                errors.Add($"environment variable '{key}' is not a valid name (a letter, then letters, digits or '_')");
            }
        }

        if (errors.Count > 0)
        {
            throw new FunctionLoadException($"Cannot load function '{definition.Name}' version {definition.Version}: {string.Join("; ", errors)}.");
        }

        return result;
    }

    [GeneratedRegex(@"^nodejs(\d+)\.x$")]
    private static partial Regex NodeRuntime();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]+$")]
    private static partial Regex VariableName();
}
