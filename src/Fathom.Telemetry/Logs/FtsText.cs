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

    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The phrase a field term pre-filters on, in the <c>fields</c> column: the key path, plus the value when
    /// an equal value must also be equal as text (numbers are compared numerically, so <c>1.50</c> may equal <c>1.5</c>).</summary>
    public static string? FieldPhrase(FieldTerm term)
    {
        var text = new StringBuilder();
        foreach (var segment in term.Path)
        {
            text.Append(segment).Append(' ');
        }

        if (term.Operator == FilterOperator.Equal && !FieldValue.IsNumber(term.Value))
        {
            text.Append(term.Value);
        }

        var phrase = text.ToString();
        return HasTokens(phrase) ? "fields : " + Phrase(phrase) : null;
    }
}
