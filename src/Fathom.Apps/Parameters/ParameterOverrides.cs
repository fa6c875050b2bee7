namespace Fathom.Apps.Parameters;

/// <summary>Parses SAM CLI's <c>--parameter-overrides</c> values.</summary>
public static class ParameterOverrides
{
    /// <summary>
    /// Accepts <c>Key=Value</c> and SAM's <c>ParameterKey=Key,ParameterValue=Value</c> forms, one per token;
    /// a value may contain <c>=</c>. Later tokens win. Malformed tokens are returned in <paramref name="errors"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> tokens, out IReadOnlyList<string> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var token in tokens)
        {
            if (token.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                var comma = token.IndexOf(",ParameterValue=", StringComparison.Ordinal);
                if (comma < 0)
                {
                    problems.Add($"'{token}' should look like ParameterKey=Name,ParameterValue=value");
                    continue;
                }

                result[token["ParameterKey=".Length..comma]] = token[(comma + ",ParameterValue=".Length)..];
                continue;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"'{token}' should look like Name=value");
                continue;
            }

            result[token[..equals]] = token[(equals + 1)..];
        }

        errors = problems;
        return result;
    }
}
