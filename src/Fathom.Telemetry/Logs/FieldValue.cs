using System.Globalization;
using System.Text.RegularExpressions;

namespace Fathom.Telemetry.Logs;

/// <summary>How a field term's value is read: as a JSON number when it is written like one, else as text.</summary>
internal static partial class FieldValue
{
    public static bool IsNumber(string value) => JsonNumber().IsMatch(value);

    /// <summary>The value to bind for a numeric comparison: an integer when it is one (exact beyond 2^53), else a double.</summary>
    public static object Number(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? integer
            : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The integer part's digits of a JSON number, or nothing when it has an exponent (its digits then need not
    /// appear as written).</summary>
    public static string IntegerWords(string number)
    {
        if (number.AsSpan().IndexOfAny('e', 'E') >= 0)
        {
            return string.Empty;
        }

        var digits = number.TrimStart('-');
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? digits : digits[..point];
    }

    /// <summary>The SQLite JSON path of a dotted key, each segment quoted so <c>-</c>, <c>@</c> and <c>$</c> are literal.</summary>
    public static string JsonPath(IReadOnlyList<string> path) => "$" + string.Concat(path.Select(segment => ".\"" + segment + "\""));

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
