namespace Fathom.Runtime.Invocations;

/// <summary>How an invocation ended (DESIGN.md "Invocation events").</summary>
public enum InvocationOutcome
{
    Success,
    FunctionError,
    InitError,
    Timeout,
    Crash,
    OutOfMemory,
    Throttled,
}
