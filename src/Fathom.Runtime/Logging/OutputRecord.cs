namespace Fathom.Runtime.Logging;

/// <summary>One record decoded from a function's output.</summary>
/// <param name="Text">The record without its final newline; newlines inside it are kept.</param>
/// <param name="Level">The level the runtime client gave it (<c>INFO</c>, <c>ERROR</c>...), or null.</param>
/// <param name="Time">When the runtime client says it was written, or null to take the time it was read.</param>
internal readonly record struct OutputRecord(string Text, string? Level = null, DateTimeOffset? Time = null);
