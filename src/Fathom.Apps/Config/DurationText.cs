using System.Globalization;
using System.Text.RegularExpressions;

namespace Fathom.Apps.Config;

/// <summary>Durations as <c>fathom.yaml</c> writes them: whole numbers with a unit, largest first, such as <c>500ms</c>,
/// <c>30s</c>, <c>5m</c>, <c>1h30m</c>. A bare number is refused, since seconds and minutes are both plausible.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        var total = 0L;
        foreach (var (group, unit) in new[] { ("h", 3_600_000L), ("m", 60_000L), ("s", 1_000L), ("ms", 1L) })
        {
            var digits = match.Groups[group];
            if (!digits.Success)
            {
                continue;
            }

            if (!long.TryParse(digits.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 1_000_000_000)
            {
                return false;
            }

            total += count * unit;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    public static string Format(TimeSpan value) => value switch
    {
        { Ticks: 0 } => "0s",
        _ when value.TotalHours >= 1 && value.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0}h"),
        _ when value.TotalMinutes >= 1 && value.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0}m"),
        _ when value.TotalSeconds >= 1 && value.TotalSeconds % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms"),
    };

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m(?!s))?(?:(?<s>\d+)s)?(?:(?<ms>\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
