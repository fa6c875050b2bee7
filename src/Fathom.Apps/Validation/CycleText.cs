using System.Globalization;

namespace Fathom.Apps.Validation;

/// <summary>Writes a cycle of names as <c>A -> B -> A</c>, shortening long ones so one error stays one readable line.</summary>
internal static class CycleText
{
    private const int Shown = 3;

    /// <param name="cycle">The names in order, without the first repeated at the end.</param>
    public static string Describe(IReadOnlyList<string> cycle)
    {
        IEnumerable<string> names = cycle.Count <= 2 * Shown + 1
            ? cycle
            : [.. cycle.Take(Shown), $"... ({(cycle.Count - 2 * Shown).ToString("N0", CultureInfo.InvariantCulture)} more)", .. cycle.TakeLast(Shown)];
        return string.Join(" -> ", names.Append(cycle[0]));
    }
}
