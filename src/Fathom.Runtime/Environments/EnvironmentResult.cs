using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Environments;

/// <summary>How one phase (init or invoke) ended on an environment.</summary>
internal sealed record EnvironmentResult(InvocationOutcome Outcome, ReadOnlyMemory<byte> Payload, string? ContentType, ErrorBody? Error)
{
    public static EnvironmentResult Success(ReadOnlyMemory<byte> payload, string? contentType) => new(InvocationOutcome.Success, payload, contentType, null);

    /// <summary>A failure whose body the runtime wrote: passed through unchanged.</summary>
    public static EnvironmentResult Failed(InvocationOutcome outcome, ReadOnlyMemory<byte> body, ErrorBody error) => new(outcome, body, "application/json", error);

    /// <summary>A failure the platform describes.</summary>
    public static EnvironmentResult Failed(InvocationOutcome outcome, string errorType, string errorMessage)
    {
        var error = new ErrorBody(errorType, errorMessage, []);
        return new(outcome, error.ToJson(), "application/json", error);
    }
}
