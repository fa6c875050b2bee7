namespace Fathom.Gateway.Functions;

/// <summary>Read-only view of the deployed functions and their configuration, for the Invoke API's
/// list and get operations and the status endpoint.</summary>
public interface IFunctionCatalog
{
    /// <summary>All functions, in a stable order (the Invoke API pages over it).</summary>
    ValueTask<IReadOnlyList<FunctionInfo>> ListFunctionsAsync(CancellationToken cancellationToken);

    /// <summary>One function by name, or null.</summary>
    ValueTask<FunctionInfo?> GetFunctionAsync(string functionName, CancellationToken cancellationToken);
}
