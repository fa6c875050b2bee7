using Microsoft.AspNetCore.Http;

namespace Fathom.Telemetry.Metrics;

/// <summary>The metrics API on the admin port: series of (time, value) points, the metrics that exist, and the
/// recorder's counts. docs/metrics.md describes them.</summary>
internal static class MetricEndpoints
{
    public static IResult Query(HttpContext context, MetricStore store, TimeProvider time)
    {
        if (!MetricRequestParser.TryParse(context.Request, time, out var query, out var error))
        {
            return BadRequest(error!);
        }

        var result = store.Query(query);
        return Results.Json(new
        {
            start = result.Start,
            end = result.End,
            period = MetricRequestParser.Format(result.Period),
            periodSeconds = (long)result.Period.TotalSeconds,
            resolution = MetricRequestParser.Format(result.Resolution),
            series = result.Series.Select(s => new
            {
                kind = s.Kind,
                metric = s.Metric,
                @namespace = s.Namespace,
                dimensions = s.Dimensions,
                route = s.Route,
                unit = s.Unit,
                stat = s.Stat,
                total = s.Total,
                points = s.Points.Select(p => new { time = p.Time, value = p.Value }),
            }),
        });
    }

    public static IResult Catalog(HttpContext context, MetricStore store)
    {
        var q = context.Request.Query;
        var entries = store.Catalog(Optional(q["app"]), Optional(q["env"]), Optional(q["function"]));
        return Results.Json(new { metrics = entries });
    }

    public static IResult Stats(MetricRecorder recorder, MetricsOptions options) => Results.Json(new
    {
        recorder = recorder.Stats,
        retention = new
        {
            seconds = MetricRequestParser.Format(options.Retention.Seconds),
            minutes = MetricRequestParser.Format(options.Retention.Minutes),
            hours = MetricRequestParser.Format(options.Retention.Hours),
        },
    });

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid metric query");
}
