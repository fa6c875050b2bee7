using System.Text;

namespace Fathom.Telemetry.Logs;

/// <summary>Turns filter text into terms (grammar on <see cref="LogFilter"/>); positions in errors are 1-based columns.</summary>
internal static class LogFilterParser
{
    public static IReadOnlyList<LogFilterTerm> Parse(string text)
    {
        if (text.Length > LogFilter.MaxLength)
        {
            throw new LogFilterException($"filter is longer than {LogFilter.MaxLength} characters", LogFilter.MaxLength + 1);
        }

        var terms = new List<LogFilterTerm>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                return terms;
            }

            var start = position;
            var term = ReadTerm(text, ref position);
            if (term is null)
            {
                continue;
            }

            if (terms.Count == LogFilter.MaxTerms)
            {
                throw new LogFilterException($"more than {LogFilter.MaxTerms} terms at {start + 1}", start + 1);
            }

            terms.Add(term);
        }
    }

    private static LogFilterTerm? ReadTerm(string text, ref int position)
    {
        var start = position;
        if (text[position] == '"')
        {
            var phrase = ReadQuoted(text, ref position);
            return phrase.Length == 0 ? null : new TextTerm(phrase);
        }

        var keyEnd = position;
        while (keyEnd < text.Length && IsKeyChar(text[keyEnd]))
        {
            keyEnd++;
        }

        var key = text[start..keyEnd];
        if (keyEnd > start && TryReadOperator(text, keyEnd, out var op, out var operatorLength) && TrySplitKey(key, out var path))
        {
            position = keyEnd + operatorLength;
            var valueStart = position;
            string value;
            if (position < text.Length && text[position] == '"')
            {
                value = ReadQuoted(text, ref position);
            }
            else
            {
                value = ReadWord(text, ref position);
                if (value.Length == 0)
                {
                    throw new LogFilterException($"missing value after '{text[start..valueStart]}' at {valueStart + 1}", valueStart + 1);
                }
            }

            return Reserved(key, op, value, start) ?? new FieldTerm(path, op, value);
        }

        position = start;
        return new TextTerm(ReadWord(text, ref position));
    }

    private static LogFilterTerm? Reserved(string key, FilterOperator op, string value, int start)
    {
        if (key.Equals("level", StringComparison.OrdinalIgnoreCase))
        {
            return new LevelTerm(op, ParseLevel(value, start));
        }

        string? column = key.ToUpperInvariant() switch
        {
            "FUNCTION" => "function",
            "VERSION" => "version",
            "REQUESTID" or "REQUEST_ID" => "request_id",
            _ => null,
        };
        if (column is null)
        {
            return null;
        }

        if (op is not (FilterOperator.Equal or FilterOperator.NotEqual))
        {
            throw new LogFilterException($"'{key}' takes only = or != at {start + 1}", start + 1);
        }

        return new ColumnTerm(column, op, value);
    }

    private static LogLevel ParseLevel(string value, int start) => value.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Info,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Fatal,
        _ => throw new LogFilterException(
            $"unknown level '{value}' at {start + 1}: use TRACE, DEBUG, INFO, WARN, ERROR or FATAL", start + 1),
    };

    /// <summary>Reads a quoted string starting at the opening quote; <c>\"</c> and <c>\\</c> are escapes.</summary>
    private static string ReadQuoted(string text, ref int position)
    {
        var open = position;
        var value = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '\\' && position + 1 < text.Length && text[position + 1] is '"' or '\\')
            {
                value.Append(text[position + 1]);
                position += 2;
                continue;
            }

            if (c == '"')
            {
                position++;
                return value.ToString();
            }

            value.Append(c);
            position++;
        }

        throw new LogFilterException($"unclosed quote at {open + 1}", open + 1);
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private static bool TryReadOperator(string text, int at, out FilterOperator op, out int length)
    {
        var next = at + 1 < text.Length ? text[at + 1] : '\0';
        (op, length) = (at < text.Length ? text[at] : '\0', next) switch
        {
            ('!', '=') => (FilterOperator.NotEqual, 2),
            ('>', '=') => (FilterOperator.GreaterOrEqual, 2),
            ('<', '=') => (FilterOperator.LessOrEqual, 2),
            ('=', _) => (FilterOperator.Equal, 1),
            ('>', _) => (FilterOperator.Greater, 1),
            ('<', _) => (FilterOperator.Less, 1),
            _ => (FilterOperator.Equal, 0),
        };
        return length > 0;
    }

    /// <summary>A key is dot-separated segments of letters, digits, <c>_ - @ $</c>, not starting with a digit or '-'.</summary>
    private static bool TrySplitKey(string key, out IReadOnlyList<string> path)
    {
        var segments = key.Split('.');
        path = segments;
        return !char.IsAsciiDigit(key[0]) && key[0] != '-' && segments.All(segment => segment.Length > 0);
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' or '$' or '.';
}
