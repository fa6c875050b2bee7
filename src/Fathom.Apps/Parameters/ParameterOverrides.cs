using System.Text;

namespace Fathom.Apps.Parameters;

/// <summary>Parses SAM CLI's <c>--parameter-overrides</c> values.</summary>
public static class ParameterOverrides
{
    /// <summary>
    /// Accepts <c>Key=Value</c> and SAM's <c>ParameterKey=Key,ParameterValue=Value</c> forms. As with SAM CLI, one token
    /// may hold several pairs separated by spaces (<c>"Stage=prod Name=\"two words\""</c>); a value in double quotes
    /// may contain spaces, and a value may contain <c>=</c>. Later pairs win. Malformed pairs are returned in
    /// <paramref name="errors"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> tokens, out IReadOnlyList<string> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var pair in tokens.SelectMany(Split))
        {
            if (pair.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                var comma = pair.IndexOf(",ParameterValue=", StringComparison.Ordinal);
                if (comma < 0)
                {
                    problems.Add($"'{pair}' should look like ParameterKey=Name,ParameterValue=value");
                    continue;
                }

                result[pair["ParameterKey=".Length..comma]] = Unquote(pair[(comma + ",ParameterValue=".Length)..]);
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"'{pair}' should look like Name=value");
                continue;
            }

            result[pair[..equals]] = Unquote(pair[(equals + 1)..]);
        }

        errors = problems;
        return result;
    }

    /// <summary>Splits a token at spaces that are not inside double quotes.</summary>
    private static IEnumerable<string> Split(string token)
    {
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c == '\\' && quoted && i + 1 < token.Length)
            {
                current.Append(c).Append(token[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : value;
}
