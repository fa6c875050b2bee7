namespace Fathom.Runtime.Invocations;

/// <summary>Thrown when an invocation names a function or version the runtime has not loaded.</summary>
public sealed class FunctionNotFoundException(string functionName, string version)
    : Exception($"Function not found: {functionName}:{version}")
{
    public string FunctionName { get; } = functionName;

    public string Version { get; } = version;
}
