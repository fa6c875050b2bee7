using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Ingest;

/// <summary>The continuation rule for runtimes that write plain lines (docs/logs.md): a line on stdout or stderr that
/// starts with a space or a tab (<c>    at handler (index.js:3:9)</c>, <c>  File "app.py", line 3</c>) or with
/// <c>Caused by: </c> belongs to the record before it from the same environment and stream, if that one was printed
/// at most <see cref="Window"/> earlier. Records are held until the next line or until the window passes. The Node
/// runtime client needs no rule: it writes a message's newlines as <c>\r</c>, or frames whole messages.</summary>
internal sealed class LineContinuation(TimeSpan window)
{
    private readonly Dictionary<(string? Environment, string Stream), Open> _open = [];

    public TimeSpan Window => window;

    public bool HasOpen => _open.Count > 0;

    /// <summary>Takes one parsed line; adds the records now complete to <paramref name="ready"/>.</summary>
    /// <param name="record">The parsed line.</param>
    /// <param name="plain">True when the line had no format of its own (neither the runtime client's text nor JSON).</param>
    /// <param name="ready">Receives complete records.</param>
    public void Add(LogRecord record, bool plain, List<LogRecord> ready)
    {
        var key = (record.EnvironmentId, record.Stream);
        if (plain && IsContinuation(record.Message) && _open.TryGetValue(key, out var open) && record.Time - open.Last <= window)
        {
            open.Lines.Add(record.Message);
            open.Last = record.Time;
            return;
        }

        if (_open.Remove(key, out var previous))
        {
            ready.Add(previous.Build());
        }

        if (record.Stream is "stdout" or "stderr")
        {
            _open[key] = new Open(record);
        }
        else
        {
            ready.Add(record);
        }
    }

    /// <summary>Completes the held records last added to before <paramref name="before"/>, or all with <c>null</c>.</summary>
    public void Flush(DateTimeOffset? before, List<LogRecord> ready)
    {
        foreach (var (key, open) in _open.ToList())
        {
            if (before is null || open.Last < before)
            {
                _open.Remove(key);
                ready.Add(open.Build());
            }
        }
    }

    /// <summary>Completes the held records of one invocation (it ended: nothing more of it will follow).</summary>
    public void FlushRequest(string requestId, List<LogRecord> ready)
    {
        foreach (var (key, open) in _open.ToList())
        {
            if (open.First.RequestId == requestId)
            {
                _open.Remove(key);
                ready.Add(open.Build());
            }
        }
    }

    private static bool IsContinuation(string text) =>
        text.Length > 1 && (text[0] is ' ' or '\t' || text.StartsWith("Caused by: ", StringComparison.Ordinal));

    private sealed class Open(LogRecord first)
    {
        public LogRecord First { get; } = first;

        public List<string> Lines { get; } = [];

        public DateTimeOffset Last { get; set; } = first.Time;

        public LogRecord Build() => Lines.Count == 0 ? First : First with { Message = First.Message + "\n" + string.Join('\n', Lines) };
    }
}
