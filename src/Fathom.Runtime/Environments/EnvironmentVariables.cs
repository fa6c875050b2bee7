using System.Globalization;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Processes;

namespace Fathom.Runtime.Environments;

/// <summary>The environment a runtime process starts with: Lambda's variables, then the function's own. Nothing
/// of the platform's own environment leaks in.</summary>
internal static class EnvironmentVariables
{
    public const string ExecWrapper = "AWS_LAMBDA_EXEC_WRAPPER";

    public static Dictionary<string, string> Build(FunctionModel function, RuntimeOptions options, string runtimeApi, string environmentId,
        string logStreamName, string? runtimeDirectory, string? nodeDirectory)
    {
        var definition = function.Definition;
        var path = "/usr/local/bin:/usr/bin:/bin";
        if (nodeDirectory is not null && !path.Split(':').Contains(nodeDirectory))
        {
            path = nodeDirectory + ":" + path;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["_HANDLER"] = definition.Handler,
            ["LAMBDA_TASK_ROOT"] = Path.GetFullPath(definition.CodeDirectory),
            ["AWS_LAMBDA_FUNCTION_NAME"] = definition.Name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = definition.Version,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = definition.MemorySizeMb.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + definition.Name,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName,
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_REGION"] = options.Region,
            ["AWS_DEFAULT_REGION"] = options.Region,
            // Placeholder credentials so SDKs in handlers never go looking for an instance metadata endpoint.
            ["AWS_ACCESS_KEY_ID"] = "AKIAFATHOMLOCAL00000",
            ["AWS_SECRET_ACCESS_KEY"] = "fathom-local-secret-access-key-placeholder",
            ["AWS_SESSION_TOKEN"] = "fathom-local-session-token",
            ["TZ"] = ":UTC",
            ["LANG"] = "en_US.UTF-8",
            ["PATH"] = path,
            [ProcessRegistry.MarkerVariable] = environmentId,
        };
        if (runtimeDirectory is not null)
        {
            variables["LAMBDA_RUNTIME_DIR"] = runtimeDirectory;
        }

        if (function.Kind == RuntimeKind.Node)
        {
            variables["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + definition.Runtime;
        }

        if (definition.LogFormat is { Length: > 0 } format)
        {
            variables["AWS_LAMBDA_LOG_FORMAT"] = format;
        }

        if (definition.ApplicationLogLevel is { Length: > 0 } level)
        {
            variables["AWS_LAMBDA_LOG_LEVEL"] = level;
        }

        foreach (var (key, value) in definition.Environment)
        {
            if (!FunctionRuntimeValidator.ReservedVariables.Contains(key))
            {
                variables[key] = value;
            }
        }

        return variables;
    }

    /// <summary><c>YYYY/MM/DD/[version]&lt;environment id&gt;</c>, as Lambda names log streams.</summary>
    public static string LogStreamName(DateTimeOffset now, string version, string environmentId) =>
        $"{now.UtcDateTime:yyyy'/'MM'/'dd}/[{version}]{environmentId}";
}
