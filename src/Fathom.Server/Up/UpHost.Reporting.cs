using System.Globalization;
using Fathom.Apps;
using Fathom.Runtime.Invocations;

namespace Fathom.Server.Up;

// What fathom up tells the console about the app: its diagnostics, what it does not emulate, and why a function fails
// at init.
public sealed partial class UpHost
{
    /// <summary>Errors (and warnings) printed per load; a generated template can have thousands, which would bury the
    /// line that says the reload failed.</summary>
    private const int MaxDiagnosticLines = 50;

    private AppModel? Load()
    {
        var result = AppLoader.Load(_options.AppPath, _options.Load);
        foreach (var warning in result.Warnings.Take(MaxDiagnosticLines))
        {
            _console.Warning(warning.ToString());
        }

        foreach (var error in result.Errors.Take(MaxDiagnosticLines))
        {
            _console.Line(error.ToString());
        }

        var more = Math.Max(0, result.Warnings.Count - MaxDiagnosticLines) + Math.Max(0, result.Errors.Count - MaxDiagnosticLines);
        if (more > 0)
        {
            _console.Line($"... and {more.ToString("N0", CultureInfo.InvariantCulture)} more errors and warnings; fathom validate lists them all");
        }

        return result.Succeeded ? result.Model : null;
    }

    /// <summary>Says once per version and error why a function fails to start: the runtime's own output is a long
    /// JSON stack, repeated on every request because Lambda retries init each time.</summary>
    private void ReportInitError(InvocationRequest request, InvocationResult result)
    {
        var key = $"{request.FunctionName}\n{request.Version}\n{result.ErrorType}\n{result.ErrorMessage}";
        if (!_reportedInitErrors.TryAdd(key, 0))
        {
            return;
        }

        // The first frame in the function's own code, not in Node or the runtime client.
        var where = result.StackTrace.Skip(1).Select(frame => frame.Trim())
            .FirstOrDefault(frame => !frame.Contains("node:internal", StringComparison.Ordinal) && !frame.Contains("aws-lambda-ric", StringComparison.Ordinal));
        _console.Error($"{request.FunctionName} (version {request.Version}) fails at init: {result.ErrorType}: {result.ErrorMessage}"
            + (where is null ? "" : $" ({SourcePathOf(request.FunctionName, where)})")
            + "; every request to it fails until the code is fixed (saving a change rebuilds it)");
    }

    /// <summary>Points a stack frame in the packaged artifact (seen at <c>/var/task</c> in a sandbox, or at its path
    /// under <c>.fathom/artifacts</c> without one) at the source file it came from, relative to the app.</summary>
    private string SourcePathOf(string function, string frame)
    {
        var app = Volatile.Read(ref _app);
        if (app.Functions.FirstOrDefault(f => f.Name == function)?.CodeDirectory is not { } source)
        {
            return frame;
        }

        const string sandboxRoot = "file:///var/task/";
        var artifacts = "file://" + Path.Combine(_dataDirectory, "artifacts") + "/";
        int start, fileStart;
        if ((start = frame.IndexOf(sandboxRoot, StringComparison.Ordinal)) >= 0)
        {
            fileStart = start + sandboxRoot.Length;
        }
        else if ((start = frame.IndexOf(artifacts, StringComparison.Ordinal)) >= 0
            && frame.IndexOf("/code/", start + artifacts.Length, StringComparison.Ordinal) is var code and >= 0)
        {
            fileStart = code + "/code/".Length;
        }
        else
        {
            return frame;
        }

        var relative = Path.GetRelativePath(app.AppDirectory, source);
        var file = frame[fileStart..];
        return frame[..start] + (relative == "." ? file : Path.Combine(relative, file));
    }

    /// <summary>Template alarms Fathom cannot evaluate are said once at start, never silently skipped.</summary>
    private void ReportAlarmsNotEvaluated(AppModel app)
    {
        foreach (var alarm in app.Alarms.Select(Fathom.Alerting.Alarms.TemplateAlarms.From).Where(a => !a.Evaluated))
        {
            _console.Warning($"alarm {alarm.Name} is not evaluated locally: {alarm.NotEvaluated}");
        }
    }

    private void ReportNotEmulated(AppModel app)
    {
        var notServed = app.Schedules.Select(s => $"schedule {s.FunctionName}")
            .Concat(app.Queues.Select(q => $"queue {q.LogicalId}"))
            .Concat(app.Topics.Select(t => $"topic {t.LogicalId}"))
            .Concat(app.NotEmulated.Select(r => $"{r.Type} {r.LogicalId}"))
            .ToList();
        if (notServed.Count > 0)
        {
            _console.Line("Not emulated yet (listed once): " + string.Join(", ", notServed));
        }
    }
}
