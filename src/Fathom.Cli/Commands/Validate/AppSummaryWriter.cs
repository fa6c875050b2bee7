using System.Globalization;
using Fathom.Apps;
using Fathom.Apps.Resources;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Validate;

/// <summary>The human form of <c>fathom validate</c>: what will run, then warnings; or every error.</summary>
internal static class AppSummaryWriter
{
    public static int Write(TextWriter output, TextWriter error, AppLoadResult loaded)
    {
        var style = ConsoleStyle.ForOut;
        if (!loaded.Succeeded)
        {
            var errorStyle = ConsoleStyle.ForError;
            foreach (var diagnostic in loaded.Errors.Concat(loaded.Warnings))
            {
                DiagnosticWriter.Write(error, errorStyle, diagnostic);
            }

            error.WriteLine(errorStyle.Red($"invalid: {Count(loaded.Errors.Count, "error")}"));
            return 1;
        }

        var app = loaded.Model!;
        output.WriteLine($"{style.Bold(app.StackName)}  {style.Dim($"{DisplayPaths.Of(app.TemplatePath)} · {app.Region} · {app.AccountId}")}");
        WriteFunctions(output, style, app);
        WriteRoutes(output, style, app);
        Section(output, style, "Schedules", app.Schedules.Select(s =>
            $"{s.FunctionName,-28} {s.Expression}{(s.Timezone is null ? string.Empty : $" ({s.Timezone})")}{(s.Enabled ? string.Empty : "  disabled")}{(s.Input is null ? string.Empty : $"  input {s.Input}")}"));
        Section(output, style, "Queues", app.Queues.Select(q =>
            $"{q.Name,-28} {(q.Consumers.Count == 0 ? "no consumer" : "-> " + string.Join(", ", q.Consumers.Select(c => $"{c.FunctionName} (batch {c.BatchSize})")))}"));
        if (app.Topics.Count > 0)
        {
            Section(output, style, "Topics", app.Topics.Select(t => $"{t.Name,-28} -> {(t.Subscribers.Count == 0 ? "no subscriber" : string.Join(", ", t.Subscribers))}"));
        }

        if (app.Tables.Count > 0)
        {
            Section(output, style, "Tables", app.Tables.Select(t => $"{t.Name,-28} key {t.PrimaryKeyName} ({t.PrimaryKeyType})"));
        }

        Section(output, style, "Alarms", app.Alarms.Select(a =>
            $"{a.Name,-28} {a.Namespace}/{a.MetricName ?? "metric math"} {a.Statistic ?? a.ExtendedStatistic} {a.ComparisonOperator} {a.Threshold?.ToString(CultureInfo.InvariantCulture)}"
            + $" for {a.EvaluationPeriods} x {a.PeriodSeconds}s{Dimensions(a.Dimensions)}"
            + (Fathom.Alerting.Alarms.TemplateAlarms.From(a).NotEvaluated is { } why ? $" (not evaluated locally: {why})" : "")));
        if (loaded.Warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(style.Bold($"Warnings ({loaded.Warnings.Count})"));
            foreach (var warning in loaded.Warnings)
            {
                output.Write("  ");
                DiagnosticWriter.Write(output, style, warning);
            }
        }

        output.WriteLine();
        output.WriteLine(style.Green($"valid: {Count(app.Functions.Count, "function")}, {Count(app.Routes.Count, "route")}"));
        return 0;
    }

    private static void WriteFunctions(TextWriter output, ConsoleStyle style, AppModel app)
    {
        output.WriteLine();
        output.WriteLine(style.Bold($"Functions ({app.Functions.Count})"));
        if (app.Functions.Count == 0)
        {
            output.WriteLine(style.Dim("  none"));
        }

        foreach (var f in app.Functions)
        {
            var kind = f.PackageType == "Image" ? $"image {f.ImageUri}" : $"{f.Runtime}  {f.Handler}";
            output.WriteLine($"  {style.Cyan(f.Name)}  {kind}  {f.MemorySize} MB  {f.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            var code = f.CodeDirectory is not null ? DisplayPaths.Of(f.CodeDirectory) : f.InlineCode is not null ? "(inline)" : null;
            if (code is not null)
            {
                output.WriteLine($"    code  {code}");
            }

            foreach (var (name, value) in f.Environment)
            {
                output.WriteLine($"    env   {name}={value}");
            }

            var otherEvents = f.Events.Where(e => e is not ApiEventModel and not HttpApiEventModel).ToList();
            if (otherEvents.Count > 0)
            {
                output.WriteLine($"    events {string.Join(", ", otherEvents.Select(e => $"{e.Name} ({e.Type})"))}");
            }

            if (f.AutoPublishAlias is not null || f.DeploymentPreference is not null)
            {
                output.WriteLine($"    alias {f.AutoPublishAlias ?? "-"}{(f.DeploymentPreference is { } d ? $"  deploy {d.Type}" : string.Empty)}");
            }
        }
    }

    private static void WriteRoutes(TextWriter output, ConsoleStyle style, AppModel app)
    {
        Section(output, style, "Routes", app.Routes.Select(r =>
            $"{r.Method,-7} {r.Path,-24} -> {r.FunctionName,-24} {r.ApiLogicalId} ({(r.ApiKind == ApiKind.Rest ? "REST" : "HTTP")}, payload {r.PayloadFormatVersion}){Fathom.Apps.Auth.RouteAuthText.Describe(r.Auth)}"));
    }

    private static void Section(TextWriter output, ConsoleStyle style, string title, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        output.WriteLine();
        output.WriteLine(style.Bold($"{title} ({items.Count})"));
        if (items.Count == 0)
        {
            output.WriteLine(style.Dim("  none"));
        }

        foreach (var line in items)
        {
            output.WriteLine("  " + line.TrimEnd());
        }
    }

    private static string Dimensions(IReadOnlyDictionary<string, string> dimensions) =>
        dimensions.Count == 0 ? string.Empty : "  " + string.Join(", ", dimensions.Select(d => $"{d.Key}={d.Value}"));

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
