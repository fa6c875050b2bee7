namespace Fathom.Runtime.Invocations;

/// <summary>The one entry point for running a function version.</summary>
public interface IFunctionInvoker
{
    /// <summary>Runs one invocation. Function errors, timeouts, crashes and throttles are results, not exceptions.
    /// Cancelling stops the caller waiting; it does not kill the environment, which finishes the invocation.</summary>
    /// <exception cref="FunctionNotFoundException">No such function version is loaded.</exception>
    ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
