namespace Fathom.Runtime.Isolation;

/// <summary>How Lambda reports an environment killed for exceeding MemorySize, for the OutOfMemory outcome.</summary>
internal static class OutOfMemoryError
{
    /// The errorType Lambda returns.
    public const string ErrorType = "Runtime.OutOfMemory";

    /// The errorMessage Lambda returns, e.g. "RequestId: … Error: Runtime exited with error: signal: killed".
    public static string Message(string requestId) => $"RequestId: {requestId} Error: Runtime exited with error: signal: killed";
}
