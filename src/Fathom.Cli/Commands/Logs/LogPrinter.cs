using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Logs;

/// <summary>Prints log records as lines (colour only on a terminal) or, with <c>--json</c>, as JSON Lines. An
/// invocation record is printed as Lambda's START, END and REPORT lines.</summary>
internal sealed class LogPrinter(TextWriter output, bool json)
{
    private readonly ConsoleStyle _style = ConsoleStyle.ForOut;

    /// <summary>Prints records given oldest first.</summary>
    public void Print(IEnumerable<JsonObject> records)
    {
        if (json)
        {
            foreach (var record in records)
            {
                output.WriteLine(record.ToJsonString());
            }

            output.Flush();
            return;
        }

        // An invocation record's START line goes where its time puts it among the lines of the same page.
        var lines = new List<(DateTimeOffset Time, int Order, string Text)>();
        var order = 0;
        foreach (var record in records)
        {
            foreach (var (time, text) in Render(record))
            {
                lines.Add((time, order++, text));
            }
        }

        foreach (var line in lines.OrderBy(l => l.Time).ThenBy(l => l.Order))
        {
            output.WriteLine(line.Text);
        }

        output.Flush();
    }

    private IEnumerable<(DateTimeOffset, string)> Render(JsonObject record)
    {
        var time = ParseTime((string?)record["time"]);
        var function = (string?)record["function"] ?? "";
        var version = (string?)record["version"] ?? "";
        var requestId = (string?)record["requestId"];
        var level = (string?)record["level"] ?? "INFO";
        var prefix = $"{_style.Dim(Stamp(time))} {_style.Cyan(function)} {_style.Dim(version)}";
        if (record["invocation"] is JsonObject invocation)
        {
            var start = ParseTime((string?)invocation["start"]);
            var startPrefix = $"{_style.Dim(Stamp(start))} {_style.Cyan(function)} {_style.Dim(version)}";
            yield return (start, $"{startPrefix} START RequestId: {requestId} Version: {version}");
            yield return (time, $"{prefix} END RequestId: {requestId}");
            var report = (string?)record["message"] ?? "";
            yield return (time, $"{prefix} {(level == "INFO" ? report : _style.Red(report))}");
            yield break;
        }

        var message = (string?)record["message"] ?? "";
        var id = requestId is null ? "-" : requestId.Length > 8 ? requestId[..8] : requestId;
        yield return (time, $"{prefix} {_style.Dim(id)} {Colour(level)} {message}");
    }

    private string Colour(string level) => level switch
    {
        "WARN" => _style.Yellow("WARN "),
        "ERROR" or "FATAL" => _style.Red(level.PadRight(5)),
        "DEBUG" or "TRACE" => _style.Dim(level),
        _ => level.PadRight(5),
    };

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : default;
}
