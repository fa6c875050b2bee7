namespace Fathom.Runtime.Hosting;

/// <summary>Changes a function's reserved concurrency while it runs (Lambda's Put/DeleteFunctionConcurrency), on every
/// loaded version and on versions loaded later. The value given at load (<see cref="Functions.FunctionDefinition.ReservedConcurrency"/>,
/// from the template) is what a function returns to when the override is removed.</summary>
public interface IReservedConcurrency
{
    /// <summary>Sets (a number, 0 stops every call) or removes (null) the override for one function of an app environment.</summary>
    void SetReservedConcurrency(string app, string environment, string function, int? reserved);
}
