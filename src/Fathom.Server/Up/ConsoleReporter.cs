using Fathom.Apps;
using Fathom.Runtime.Events;

namespace Fathom.Server.Up;

/// <summary>What <c>fathom up</c> prints: the route table, build results, then each function's output prefixed with
/// its name, as <c>sam local start-api</c> shows it.</summary>
internal sealed class ConsoleReporter(TextWriter output, bool color)
{
    private static readonly string[] Palette = ["\e[36m", "\e[35m", "\e[33m", "\e[32m", "\e[34m", "\e[96m", "\e[95m", "\e[93m"];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _colors = new(StringComparer.Ordinal);
    private int _nameWidth = 8;

    public void Line(string text)
    {
        lock (_lock)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    /// <summary>Flushes function output written by <see cref="Output"/>; the pump calls it once per batch, not per line.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            output.Flush();
        }
    }

    public void Warning(string text) => Line(Paint("\e[33m", "warning: ") + text);

    public void Error(string text) => Line(Paint("\e[31m", "error: ") + text);

    public void Routes(AppModel app, Uri appUrl)
    {
        _nameWidth = Math.Max(8, app.Functions.Select(f => f.Name.Length).DefaultIfEmpty(0).Max());
        var rows = app.Routes
            .Select(r => (Method: r.Method, Url: appUrl.ToString().TrimEnd('/') + (r.Path == "$default" ? "/*  ($default)" : r.Path), Function: r.FunctionName,
                Api: $"{r.ApiLogicalId} ({(r.ApiKind == Apps.Resources.ApiKind.Rest ? "REST" : "HTTP API")}, payload {r.PayloadFormatVersion}){Apps.Auth.RouteAuthText.Describe(r.Auth)}"))
            .ToList();
        if (rows.Count == 0)
        {
            Line("No HTTP routes: the functions are reachable through the Invoke API (fathom invoke).");
            return;
        }

        var methodWidth = rows.Max(r => r.Method.Length);
        var urlWidth = rows.Max(r => r.Url.Length);
        var functionWidth = rows.Max(r => r.Function.Length);
        Line("Routes:");
        foreach (var row in rows)
        {
            Line($"  {row.Method.PadRight(methodWidth)}  {row.Url.PadRight(urlWidth)}  → {row.Function.PadRight(functionWidth)}  {row.Api}");
        }
    }

    public void Output(LogLine line)
    {
        var name = line.FunctionName;
        lock (_lock)
        {
            if (!_colors.TryGetValue(name, out var paint))
            {
                paint = Palette[_colors.Count % Palette.Length];
                _colors[name] = paint;
            }

            // One record may span lines: a framed record (LogStream.Telemetry) keeps its newlines, a record the Node
            // runtime client printed to stdout has them as \r. Either way the lines after the first are continuation
            // lines, indented under the first.
            var text = line.Text.TrimEnd('\r', '\n');
            if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                // Only multi-line records pay for the rewrite; this runs for every line a function prints.
                text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
                    .Replace("\n", "\n" + new string(' ', _nameWidth) + " | ", StringComparison.Ordinal);
            }

            output.Write(Paint(paint, name.PadRight(_nameWidth)));
            output.Write(" | ");
            output.WriteLine(text);
        }
    }

    private string Paint(string code, string text) => color ? code + text + "\e[0m" : text;
}
