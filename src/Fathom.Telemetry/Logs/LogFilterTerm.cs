namespace Fathom.Telemetry.Logs;

/// <summary>One ANDed term of a <see cref="LogFilter"/>.</summary>
internal abstract record LogFilterTerm;

/// <summary>A bare word or a quoted phrase, matched as literal text against the message and the JSON fields.</summary>
internal sealed record TextTerm(string Text) : LogFilterTerm;

/// <summary><c>key op value</c> on a JSON field; <see cref="Path"/> walks nested objects (<c>user.id</c>).</summary>
internal sealed record FieldTerm(IReadOnlyList<string> Path, FilterOperator Operator, string Value) : LogFilterTerm;

/// <summary><c>level op NAME</c>.</summary>
internal sealed record LevelTerm(FilterOperator Operator, LogLevel Level) : LogFilterTerm;

/// <summary>A reserved key that names a column (<c>function</c>, <c>version</c>, <c>requestId</c>).</summary>
internal sealed record ColumnTerm(string Column, FilterOperator Operator, string Value) : LogFilterTerm;
