namespace Fathom.Gateway.Functions;

/// <summary>Maps a function name and optional qualifier (alias or version) to the version to run.
/// Implemented over the Deployments version and alias store; weighted aliases pick a version per call.</summary>
public interface IFunctionResolver
{
    /// <summary>Returns the version to run, or null when the function, alias or version does not exist.</summary>
    ValueTask<FunctionResolution?> ResolveAsync(FunctionTarget target, CancellationToken cancellationToken);
}
