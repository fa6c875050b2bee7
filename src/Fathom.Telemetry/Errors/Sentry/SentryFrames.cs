using System.Text.Json;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Reads a Sentry stack trace's frames (oldest first, the frame that threw last) and maps each file back to
/// the app: <c>/var/task/src/app.js</c> (a sandbox's view) and the host's artifact copy both become <c>src/app.js</c>.
/// Dependencies and the runtime's own frames are never in-app, whatever the SDK guessed.</summary>
internal static class SentryFrames
{
    public static IReadOnlyList<ErrorFrame> Read(JsonElement stacktrace)
    {
        if (stacktrace.ValueKind != JsonValueKind.Object || !stacktrace.TryGetProperty("frames", out var frames)
            || frames.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<ErrorFrame>();
        foreach (var frame in frames.EnumerateArray())
        {
            if (frame.ValueKind == JsonValueKind.Object)
            {
                result.Add(ReadFrame(frame));
            }
        }

        // The frames nearest the throw matter most; Sentry trims the same end.
        return result.Count > SentryLimits.MaxFrames ? result[^SentryLimits.MaxFrames..] : result;
    }

    private static ErrorFrame ReadFrame(JsonElement frame)
    {
        var raw = SentryEventReader.String(frame, "abs_path") ?? SentryEventReader.String(frame, "filename");
        var (file, underApp) = Relative(raw);
        file ??= SentryEventReader.String(frame, "module");
        bool? inApp = frame.TryGetProperty("in_app", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? flag.GetBoolean()
            : null;
        var outside = raw is not null && (raw.Contains("/node_modules/", StringComparison.Ordinal) || raw.StartsWith("node:", StringComparison.Ordinal)
            || raw.StartsWith("internal/", StringComparison.Ordinal) || raw.StartsWith("/var/runtime/", StringComparison.Ordinal));
        return new ErrorFrame(
            SentryEventReader.String(frame, "function"),
            file,
            Number(frame, "lineno"),
            Number(frame, "colno"),
            !outside && (inApp ?? underApp));
    }

    /// <summary>The path relative to the app when it lies in the function's code, else as reported.</summary>
    private static (string? Path, bool UnderApp) Relative(string? path)
    {
        if (path is null)
        {
            return (null, false);
        }

        var (relative, inCode) = FunctionCodePaths.Relative(path);
        return inCode ? (relative, true) : (path, false);
    }

    private static int? Number(JsonElement frame, string name) =>
        frame.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
