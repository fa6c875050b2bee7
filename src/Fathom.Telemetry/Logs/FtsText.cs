using System.Text;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Builds FTS5 query text from user text. Every piece of user text becomes a double-quoted FTS5 string (quotes doubled),
/// which FTS5 reads as a phrase of literal tokens: operators (<c>AND</c>, <c>NEAR</c>), <c>*</c>, <c>^</c>, column
/// filters and parentheses inside it are just text.
/// </summary>
internal static class FtsText
{
    /// <summary>True when the text holds a character the tokenizer indexes; text of punctuation alone has no FTS
    /// tokens (an empty phrase), so it is matched by substring instead.</summary>
    public static bool HasTokens(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A full-text term: the message and the JSON fields, never the request column.</summary>
    public static string Text(string text) => "{message fields} : " + Phrase(text);

    /// <summary>The request id as the one token the <c>request</c> column holds: its letters and digits (a UUID without
    /// its dashes). Null when it has none; lookups then scan, and the column itself always decides.</summary>
    public static string? RequestToken(string? requestId)
    {
        if (requestId is null)
        {
            return null;
        }

        Span<char> buffer = requestId.Length <= 256 ? stackalloc char[requestId.Length] : new char[requestId.Length];
        var length = 0;
        foreach (var c in requestId)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = c;
            }
        }

        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>The pre-filter for one request id.</summary>
    public static string? Request(string requestId) => RequestToken(requestId) is { } token ? "request : " + Phrase(token) : null;

    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The phrase a field term pre-filters on, in the <c>fields</c> column: the key path, plus for <c>=</c> the value's
    /// words. A number contributes its integer part only, which every way of writing it shares (<c>42</c>, <c>42.0</c>,
    /// <c>"42"</c>; <c>1.5</c> and <c>1.50</c>) except exponent notation in the JSON, which <c>=</c> does not find.
    /// </summary>
    public static string? FieldPhrase(FieldTerm term)
    {
        var text = new StringBuilder();
        foreach (var segment in term.Path)
        {
            text.Append(segment).Append(' ');
        }

        if (term.Operator == FilterOperator.Equal)
        {
            text.Append(FieldValue.IsNumber(term.Value) ? FieldValue.IntegerWords(term.Value) : term.Value);
        }

        var phrase = text.ToString();
        return HasTokens(phrase) ? "fields : " + Phrase(phrase) : null;
    }
}
