using System.Text;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Ingest;

namespace Fathom.Telemetry.Errors;

/// <summary>The platform's error source: a failed invocation (not a throttle, which is the platform's choice, not a
/// bug) becomes an <see cref="ErrorEvent"/> with its stack parsed and its payload redacted and capped.</summary>
public static class PlatformErrors
{
    /// <summary>Payload bytes kept with an error event: enough to replay most requests, small enough for 20 samples.</summary>
    public const int MaxPayloadChars = 16 * 1024;

    /// <summary>True for the outcomes that are failures of the function.</summary>
    public static bool IsError(InvocationOutcome outcome) =>
        outcome is InvocationOutcome.FunctionError or InvocationOutcome.InitError or InvocationOutcome.Timeout
            or InvocationOutcome.Crash or InvocationOutcome.OutOfMemory;

    /// <summary>The error event of a failed invocation, or null when it did not fail.</summary>
    public static ErrorEvent? From(InvocationCompleted completed, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(redactor);
        if (!IsError(completed.Outcome))
        {
            return null;
        }

        var payload = completed.Payload.IsEmpty ? null : Encoding.UTF8.GetString(completed.Payload.Span);
        if (payload is { Length: > MaxPayloadChars })
        {
            payload = payload[..MaxPayloadChars];
        }

        return new ErrorEvent
        {
            EventId = Guid.NewGuid().ToString("N"),
            Time = completed.Time,
            App = completed.App,
            Environment = completed.Environment,
            Function = completed.FunctionName,
            Version = completed.Version,
            Qualifier = completed.Qualifier,
            Source = completed.Source,
            RequestId = completed.RequestId,
            Origin = ErrorOrigins.Platform,
            Kind = completed.Outcome.ToString(),
            Type = string.IsNullOrEmpty(completed.ErrorType) ? completed.Outcome.ToString() : completed.ErrorType,
            Message = redactor.RedactText(completed.ErrorMessage ?? ""),
            Frames = NodeStackParser.Parse(completed.StackTrace),
            Level = completed.Outcome == InvocationOutcome.FunctionError ? "error" : "fatal",
            Payload = payload is null ? null : redactor.RedactText(payload),
        };
    }
}
