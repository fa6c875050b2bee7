using System.Text.RegularExpressions;

namespace Fathom.Runtime.Environments;

/// <summary>Reads the request id the Node runtime client writes into each log record, for output that reaches us
/// after its invocation ended (a function that logs faster than the pipe drains).</summary>
internal static partial class RuntimeLogFormat
{
    public static string? RequestIdOf(string line)
    {
        if (line.Length < 40)
        {
            return null;
        }

        var match = line[0] == '{' ? JsonRecord().Match(line) : TextRecord().Match(line);
        // During init the client has no request id yet and prints "undefined" in its place.
        return match.Success && match.Groups[1].Value != "undefined" ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z\t([0-9A-Za-z-]{8,64})\t[A-Z]+\t")]
    private static partial Regex TextRecord();

    [GeneratedRegex(@"^\{""timestamp"":""[^""]*"",""level"":""[A-Z]+"",""requestId"":""([0-9A-Za-z-]{8,64})""")]
    private static partial Regex JsonRecord();
}
