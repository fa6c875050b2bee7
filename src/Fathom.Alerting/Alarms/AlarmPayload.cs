using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Alerting.Alarms;

/// <summary>The <c>alarm.state</c> event's payload: a contract the notifications read (names kept stable).</summary>
internal static class AlarmPayload
{
    public static string For(AlarmRule rule, string previous, AlarmOutcome outcome, TimeSpan evaluatedPeriod)
    {
        var payload = new JsonObject
        {
            ["alarm"] = rule.Name,
            ["description"] = rule.Description,
            ["kind"] = rule.Kind,
            ["function"] = rule.Function,
            ["state"] = outcome.State,
            ["previousState"] = previous,
            ["reason"] = outcome.Reason,
            ["metric"] = rule.Metric.Name,
            ["namespace"] = rule.Metric.Namespace,
            ["dimensions"] = new JsonObject(rule.Metric.Dimensions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(d.Value)))),
            ["statistic"] = rule.Statistic,
            ["threshold"] = rule.Threshold,
            ["comparison"] = rule.ComparisonOperator,
            ["periodSeconds"] = (int)rule.Period.TotalSeconds,
            ["evaluatedPeriodSeconds"] = (int)evaluatedPeriod.TotalSeconds,
            ["evaluationPeriods"] = rule.EvaluationPeriods,
            ["datapointsToAlarm"] = rule.DatapointsToAlarm,
            ["treatMissingData"] = rule.TreatMissingData,
            ["datapoints"] = new JsonArray([.. outcome.Datapoints.Select(p => new JsonObject { ["time"] = p.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), ["value"] = p.Value })]),
            ["alarmActions"] = Strings(rule.AlarmActions),
            ["okActions"] = Strings(rule.OkActions),
            ["insufficientDataActions"] = Strings(rule.InsufficientDataActions),
        };
        return payload.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
