using Fathom.Runtime.Invocations;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>The invocation and gateway families, from one snapshot of the <see cref="PrometheusRegistry"/>.</summary>
internal sealed class RegistryCollector(PrometheusRegistry registry) : IPrometheusCollector
{
    private static readonly string[] OutcomeLabels =
        [.. FunctionSeries.ErrorOutcomes.Select(OutcomeLabel)];

    public void Collect(PrometheusTextWriter writer)
    {
        var (functions, routes) = registry.Snapshot();
        var ordered = functions.OrderBy(f => f.Key.App, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Environment, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Function, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Version.Length).ThenBy(f => f.Key.Version, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Alias, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Source, StringComparer.Ordinal)
            .ToList();
        WriteInvocations(writer, ordered);
        WriteRoutes(writer, routes);
    }

    private static void WriteInvocations(PrometheusTextWriter writer, List<FunctionSeriesSnapshot> series)
    {
        writer.Family("fathom_invocations_total", "counter",
            "Invocations that ran, whatever their outcome (throttled calls are counted apart), since the server started.");
        foreach (var s in series)
        {
            writer.Sample(Labels(s.Key), s.Invocations);
        }

        writer.Family("fathom_invocation_errors_total", "counter",
            "Invocations that failed, by outcome: function_error, init_error, timeout, crash, out_of_memory.");
        foreach (var s in series)
        {
            var labels = Labels(s.Key, extra: 1);
            for (var i = 0; i < OutcomeLabels.Length; i++)
            {
                labels[^1] = ("outcome", OutcomeLabels[i]);
                writer.Sample(labels, s.Errors[i]);
            }
        }

        writer.Family("fathom_invocation_throttles_total", "counter",
            "Calls refused because the function was at its concurrency limit (they never ran).");
        foreach (var s in series)
        {
            writer.Sample(Labels(s.Key), s.Throttles);
        }

        writer.Family("fathom_invocation_cold_starts_total", "counter", "Invocations that started a new execution environment.");
        foreach (var s in series)
        {
            writer.Sample(Labels(s.Key), s.ColdStarts);
        }

        writer.Family("fathom_invocation_duration_seconds", "histogram", "How long invocations ran (the function's own duration, as in REPORT).");
        foreach (var s in series)
        {
            writer.Histogram(Labels(s.Key), s.Duration);
        }

        writer.Family("fathom_invocation_init_duration_seconds", "histogram", "How long a cold start's init phase took.");
        foreach (var s in series)
        {
            writer.Histogram(Labels(s.Key), s.InitDuration);
        }

        writer.Family("fathom_invocation_memory_used_bytes", "histogram", "The most memory an invocation's environment used (Max Memory Used in REPORT).");
        foreach (var s in series)
        {
            writer.Histogram(Labels(s.Key), s.Memory);
        }

        // The limit belongs to the version, not to how it was called: one sample per version.
        writer.Family("fathom_function_memory_limit_bytes", "gauge", "The memory a version's environments may use (MemorySize).");
        foreach (var version in series.Where(s => s.MemoryLimitBytes > 0)
            .GroupBy(s => (s.Key.App, s.Key.Environment, s.Key.Function, s.Key.Version)))
        {
            var (app, environment, function, number) = version.Key;
            writer.Sample([("app", app), ("environment", environment), ("function", function), ("version", number)], version.Max(s => s.MemoryLimitBytes));
        }
    }

    private static void WriteRoutes(PrometheusTextWriter writer, IReadOnlyList<(RouteSeriesKey Key, HistogramSnapshot Latency)> routes)
    {
        var ordered = routes.OrderBy(r => r.Key.App, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Environment, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Route, StringComparer.Ordinal)
            .ThenBy(r => r.Key.StatusClass, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Source, StringComparer.Ordinal)
            .ToList();
        writer.Family("fathom_http_requests_total", "counter",
            "App requests the gateway answered, by route (empty: none matched) and status class; source=\"uptime\" marks the platform's probes.");
        foreach (var (key, latency) in ordered)
        {
            writer.Sample(Labels(key), latency.Count);
        }

        writer.Family("fathom_http_request_duration_seconds", "histogram", "From a request's arrival to the end of its response, the gateway included.");
        foreach (var (key, latency) in ordered)
        {
            writer.Histogram(Labels(key), latency);
        }
    }

    private static (string Name, string Value)[] Labels(FunctionSeriesKey key, int extra = 0)
    {
        var labels = new (string Name, string Value)[6 + extra];
        labels[0] = ("app", key.App);
        labels[1] = ("environment", key.Environment);
        labels[2] = ("function", key.Function);
        labels[3] = ("version", key.Version);
        labels[4] = ("alias", key.Alias);
        labels[5] = ("source", key.Source);
        return labels;
    }

    private static (string Name, string Value)[] Labels(RouteSeriesKey key) =>
        [("app", key.App), ("environment", key.Environment), ("route", key.Route), ("status_class", key.StatusClass), ("source", key.Source)];

    private static string OutcomeLabel(InvocationOutcome outcome) => outcome switch
    {
        InvocationOutcome.FunctionError => "function_error",
        InvocationOutcome.InitError => "init_error",
        InvocationOutcome.Timeout => "timeout",
        InvocationOutcome.Crash => "crash",
        InvocationOutcome.OutOfMemory => "out_of_memory",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
