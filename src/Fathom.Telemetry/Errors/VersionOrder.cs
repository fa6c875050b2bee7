using System.Globalization;

namespace Fathom.Telemetry.Errors;

/// <summary>Orders function versions numerically (10 is newer than 9); anything not a number (<c>$LATEST</c>) sorts
/// before every number and by text among its own.</summary>
public static class VersionOrder
{
    public static int Compare(string? left, string? right)
    {
        var l = long.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var ln);
        var r = long.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var rn);
        return (l, r) switch
        {
            (true, true) => ln.CompareTo(rn),
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(left, right),
        };
    }

    public static bool IsNewer(string? candidate, string? than) => Compare(candidate, than) > 0;
}
