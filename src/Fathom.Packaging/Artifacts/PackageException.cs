namespace Fathom.Packaging.Artifacts;

/// <summary>A function's code could not be packaged. The message names the function and includes the tool's output.</summary>
public sealed class PackageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageException(string functionName, string message, string toolOutput = "", Exception? inner = null)
        : base(Compose(functionName, message, toolOutput), inner)
    {
        FunctionName = functionName;
        ToolOutput = toolOutput;
    }

    /// <summary>The function whose build failed.</summary>
    public string FunctionName { get; }

    /// <summary>What the build tool printed (stdout and stderr, interleaved), or empty.</summary>
    public string ToolOutput { get; }

    private static string Compose(string functionName, string message, string toolOutput) =>
        toolOutput.Length == 0
            ? $"Building function '{functionName}' failed: {message}"
            : $"Building function '{functionName}' failed: {message}{Environment.NewLine}{toolOutput.TrimEnd()}";
}
