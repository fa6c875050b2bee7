namespace Fathom.Telemetry.Logs;

/// <summary>
/// A parsed log filter: terms separated by spaces, all of which must match.
/// <list type="bullet">
/// <item><c>timeout</c>, <c>"connection refused"</c>: full-text terms, matched as literal words (case-insensitive) in the
/// message or the JSON fields; any character is literal, so <c>AND</c>, <c>*</c> or a quote mean themselves.</item>
/// <item><c>key=value</c>, <c>key!=value</c>, <c>key&gt;=value</c>, <c>key&lt;=value</c>, <c>key&gt;value</c>,
/// <c>key&lt;value</c>: a JSON field (<c>user.id</c> walks nested objects; the value may be quoted). Numbers compare
/// numerically when both sides are numbers, otherwise as text; <c>!=</c> matches lines that have the key with another value.</item>
/// <item><c>level&gt;=WARN</c>, <c>level=ERROR</c>: the record's level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL).</item>
/// <item><c>function=</c>, <c>version=</c>, <c>requestId=</c> (and <c>!=</c>): the record's own columns.</item>
/// </list>
/// A word whose part before the operator is not a key (<c>=&gt;</c>, <c>a..b=c</c>) is a full-text term.
/// </summary>
public sealed class LogFilter
{
    /// <summary>The longest filter text accepted.</summary>
    public const int MaxLength = 2000;

    /// <summary>The most terms one filter may have.</summary>
    public const int MaxTerms = 32;

    internal LogFilter(string text, IReadOnlyList<LogFilterTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The filter that matches everything.</summary>
    public static LogFilter Empty { get; } = new(string.Empty, []);

    /// <summary>The text the filter was parsed from.</summary>
    public string Text { get; }

    /// <summary>True when the filter has no terms and matches every record.</summary>
    public bool IsEmpty => Terms.Count == 0;

    internal IReadOnlyList<LogFilterTerm> Terms { get; }

    /// <summary>Parses filter text; null or blank text is <see cref="Empty"/>.</summary>
    /// <exception cref="LogFilterException">The text does not parse; the message names the problem and its column.</exception>
    public static LogFilter Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new LogFilter(text, LogFilterParser.Parse(text));

    /// <summary>Parses filter text, returning false with the error instead of throwing.</summary>
    public static bool TryParse(string? text, out LogFilter filter, out LogFilterException? error)
    {
        try
        {
            filter = Parse(text);
            error = null;
            return true;
        }
        catch (LogFilterException exception)
        {
            filter = Empty;
            error = exception;
            return false;
        }
    }

    public override string ToString() => Text;
}
