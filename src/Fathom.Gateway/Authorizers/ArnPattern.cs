namespace Fathom.Gateway.Authorizers;

/// <summary>IAM's wildcard match over a whole string: <c>*</c> matches any run of characters (<c>/</c> and <c>:</c>
/// included), <c>?</c> exactly one.</summary>
internal static class ArnPattern
{
    public static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
        // Iterative glob match with one backtrack point: linear in practice, no regex built per request.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
