using System.Globalization;
using System.Text.RegularExpressions;

namespace Fathom.Telemetry.Errors;

/// <summary>Turns a Node stack (<c>    at fn (/var/task/src/app.js:3:9)</c>) into <see cref="ErrorFrame"/>s, outermost
/// call first. Files of the function's code become paths relative to the app (<see cref="FunctionCodePaths"/>).</summary>
public static partial class NodeStackParser
{
    /// <summary>Parses the <c>at</c> lines and skips the rest (the <c>TypeError: ...</c> header, blank lines).</summary>
    public static IReadOnlyList<ErrorFrame> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var frames = new List<ErrorFrame>();
        foreach (var raw in lines)
        {
            // The runtime client may hand the whole stack as one string.
            foreach (var line in raw.Split('\n'))
            {
                if (ParseLine(line) is { } frame)
                {
                    frames.Add(frame);
                }
            }
        }

        // Node prints the throwing frame first; Sentry's order (and ours) is outermost first.
        frames.Reverse();
        return frames;
    }

    /// <summary>One <c>at</c> line, or null when the line is not a frame.</summary>
    public static ErrorFrame? ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = AtLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var function = match.Groups["fn"].Success ? match.Groups["fn"].Value.Trim() : null;
        var location = match.Groups["loc"].Value;
        var position = Position().Match(location);
        string file;
        int? lineNo = null, column = null;
        if (position.Success)
        {
            file = position.Groups["file"].Value;
            lineNo = int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture);
            column = int.Parse(position.Groups["col"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            file = location;
        }

        var (relative, inCode) = FunctionCodePaths.Relative(file);
        var inApp = inCode && !relative.Contains("node_modules/", StringComparison.Ordinal);
        file = relative;

        return new ErrorFrame(string.IsNullOrEmpty(function) ? null : function, file, lineNo, column, inApp);
    }

    /// <summary>True for the app's own code (<see cref="FunctionCodePaths"/>), not in <c>node_modules</c>; never Node's
    /// internals, the runtime client or the platform's files.</summary>
    public static bool IsInApp(string file)
    {
        var (relative, inCode) = FunctionCodePaths.Relative(file);
        return inCode && !relative.Contains("node_modules/", StringComparison.Ordinal);
    }

    // "at async fn (loc)", "at fn (loc)", "at loc", "at new Foo (loc)".
    [GeneratedRegex(@"^\s*at\s+(?:async\s+)?(?:(?<fn>[^()]+?)\s+\((?<loc>[^()]*)\)|(?<loc>\S+))\s*$")]
    private static partial Regex AtLine();

    [GeneratedRegex(@"^(?<file>.*):(?<line>\d+):(?<col>\d+)$")]
    private static partial Regex Position();
}
