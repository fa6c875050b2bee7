using System.Globalization;

namespace Fathom.Telemetry.Errors;

/// <summary>Where a page of issues ended: written <c>lastSeen.id</c>.</summary>
public sealed record IssueCursor(long LastSeen, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{LastSeen}.{Id}");

    public static bool TryParse(string text, out IssueCursor? cursor)
    {
        cursor = null;
        var parts = text.Split('.');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeen)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            cursor = new IssueCursor(lastSeen, id);
        }

        return cursor is not null;
    }
}
