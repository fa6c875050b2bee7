using System.Globalization;

namespace Fathom.Cli.Commands.Errors;

/// <summary>Reads <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>.</summary>
internal static class DurationText
{
    public static TimeSpan? Parse(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }
}
