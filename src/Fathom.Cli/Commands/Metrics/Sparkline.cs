namespace Fathom.Cli.Commands.Metrics;

/// <summary>A series as one line of block characters (▁▂▃▄▅▆▇█), lowest value to highest, one cell per period (or
/// per group of periods, showing each group's largest, when there are more periods than cells). Periods with no point
/// are blank.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Render(IReadOnlyList<double?> values, int maxWidth)
    {
        if (values.Count == 0)
        {
            return "";
        }

        var groups = (values.Count + maxWidth - 1) / maxWidth;
        var cells = new List<double?>();
        for (var i = 0; i < values.Count; i += groups)
        {
            var group = values.Skip(i).Take(groups).Where(v => v is not null).ToList();
            cells.Add(group.Count > 0 ? group.Max() : null);
        }

        var present = cells.Where(v => v is not null).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            return new string(' ', cells.Count);
        }

        // From zero when all values are positive, so a flat busy series does not look like an empty one.
        var low = Math.Min(0, present.Min());
        var high = present.Max();
        return string.Concat(cells.Select(v => v is not { } x ? ' '
            : high <= low ? Blocks[0]
            : Blocks[(int)Math.Round((x - low) / (high - low) * (Blocks.Length - 1))]));
    }
}
