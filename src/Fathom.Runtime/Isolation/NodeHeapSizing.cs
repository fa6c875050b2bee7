using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// V8 heap flags from MemorySize, with the rule of Lambda's Node.js bootstrap (<c>/var/runtime/bootstrap</c>):
/// new space = MemorySize / 10, semi space = new space / 2, old space = MemorySize − new space (all MB, integer
/// division). So a function that fits on Lambda fits here, and one that does not fails the same way.
/// </summary>
internal static class NodeHeapSizing
{
    /// The flags Lambda passes to node, e.g. 128 MB → --max-semi-space-size=6 --max-old-space-size=116.
    public static IReadOnlyList<string> Flags(int memorySizeMb)
    {
        var newSpace = memorySizeMb / 10;
        var semiSpace = newSpace / 2;
        var oldSpace = memorySizeMb - newSpace;
        return
        [
            "--max-semi-space-size=" + semiSpace.ToString(CultureInfo.InvariantCulture),
            "--max-old-space-size=" + oldSpace.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>
    /// The flags as NODE_OPTIONS, appended after the function's own NODE_OPTIONS (V8 takes the last value) only when
    /// the function did not set heap sizes itself.
    /// </summary>
    public static string NodeOptions(int memorySizeMb, string? existing)
    {
        if (!string.IsNullOrWhiteSpace(existing) && existing.Contains("space-size", StringComparison.Ordinal))
        {
            return existing;
        }

        var flags = string.Join(' ', Flags(memorySizeMb));
        return string.IsNullOrWhiteSpace(existing) ? flags : existing + " " + flags;
    }
}
