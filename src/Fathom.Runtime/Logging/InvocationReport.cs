using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Logging;

/// <summary>What an invocation's REPORT (or <c>platform.report</c>) says.</summary>
internal readonly record struct InvocationReport(
    TimeSpan Duration,
    TimeSpan BilledDuration,
    int MemorySizeMb,
    int MaxMemoryUsedMb,
    TimeSpan? InitDuration,
    InvocationOutcome Outcome,
    string? ErrorType);
