using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Fathom.Gateway.Authorizers;

/// <summary>The <c>ValidationExpression</c> check: the whole token must match; compiled once per pattern.</summary>
internal static class TokenPattern
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public static bool Matches(string pattern, string token)
    {
        var regex = Patterns.GetOrAdd(pattern, p =>
        {
            try
            {
                return new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
        try
        {
            // A pattern that does not compile, or runs away, lets nothing through.
            return regex is not null && regex.IsMatch(token);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
