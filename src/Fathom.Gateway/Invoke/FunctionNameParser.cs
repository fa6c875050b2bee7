using System.Text.RegularExpressions;
using Fathom.Gateway.Functions;

namespace Fathom.Gateway.Invoke;

/// <summary>Parses the <c>{FunctionName}</c> path element (a name, <c>name:qualifier</c>, a full or partial ARN)
/// together with the <c>Qualifier</c> query parameter.</summary>
public static partial class FunctionNameParser
{
    /// <returns>The target, or null with <paramref name="error"/> set.</returns>
    public static FunctionTarget? Parse(string raw, string? queryQualifier, out string? error)
    {
        error = null;
        var parts = raw.Split(':');
        string name;
        string? derived = null;
        if (raw.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (parts.Length is < 7 or > 8 || parts[2] != "lambda" || parts[5] != "function")
            {
                error = $"1 validation error detected: Value '{raw}' at 'functionName' failed to satisfy constraint: Member must be a function name or ARN";
                return null;
            }

            name = parts[6];
            derived = parts.Length == 8 ? parts[7] : null;
        }
        else if (parts.Length is 3 or 4 && parts[1] == "function")
        {
            name = parts[2];
            derived = parts.Length == 4 ? parts[3] : null;
        }
        else if (parts.Length <= 2)
        {
            name = parts[0];
            derived = parts.Length == 2 ? parts[1] : null;
        }
        else
        {
            error = $"1 validation error detected: Value '{raw}' at 'functionName' failed to satisfy constraint: Member must be a function name or ARN";
            return null;
        }

        if (!NamePattern().IsMatch(name))
        {
            error = $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]{{1,64}}";
            return null;
        }

        var qualifier = string.IsNullOrEmpty(queryQualifier) ? null : queryQualifier;
        foreach (var q in (string?[])[derived, qualifier])
        {
            if (q is not null && !QualifierPattern().IsMatch(q))
            {
                error = $"1 validation error detected: Value '{q}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]{{1,128}})";
                return null;
            }
        }

        if (derived is not null && qualifier is not null && derived != qualifier)
        {
            error = "The derived qualifier from the function name does not match the specified qualifier.";
            return null;
        }

        return new FunctionTarget(name, derived ?? qualifier);
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9$_-]{1,128}$")]
    private static partial Regex QualifierPattern();
}
