using System.Globalization;

namespace Fathom.Alerting.Alarms;

/// <summary>The state reason as CloudWatch writes it, so what a user reads locally matches what AWS would say:
/// <c>Threshold Crossed: 1 datapoint [12.5 (07/12/26 21:10:00)] was greater than the threshold (5.0).</c></summary>
public static class AlarmReason
{
    /// <summary>CloudWatch's reason for a new alarm that has not been evaluated yet.</summary>
    public const string Initial = "Unchecked: Initial alarm creation";

    internal static string Crossed(AlarmRule rule, string state, string current, IReadOnlyList<AlarmDatapoint> present, int n, int m, int missing, bool missingBreaches)
    {
        var words = AlarmComparison.Words(rule.ComparisonOperator);
        var alarm = state == AlarmStates.Alarm;
        var shown = present.Where(p => AlarmComparison.Breaches(rule.ComparisonOperator, p.Value, rule.Threshold) == alarm).ToList();
        var list = "[" + string.Join(", ", shown.Select(p => $"{Number(p.Value)} ({Time(p.Time)})")) + "]";
        var threshold = $"the threshold ({Number(rule.Threshold)})";
        var treated = missing > 0 ? $" and {missing} missing datapoint{(missing == 1 ? " was" : "s were")} treated as [{(missingBreaches ? "Breaching" : "NonBreaching")}]" : "";
        if (n == 1 && shown.Count == 1)
        {
            return $"Threshold Crossed: 1 datapoint {list} was {(alarm ? "" : "not ")}{words} {threshold}.";
        }

        var minimum = alarm ? m : n - m + 1;
        var transition = $"{(current == state ? (alarm ? AlarmStates.Ok : AlarmStates.Alarm) : current)} -> {state}";
        return $"Threshold Crossed: {shown.Count} out of the last {n} datapoints {list} {(shown.Count == 1 ? "was" : "were")} {(alarm ? "" : "not ")}{words} "
            + $"{threshold}{treated} (minimum {minimum} datapoint{(minimum == 1 ? "" : "s")} for {transition} transition).";
    }

    internal static string AllMissing(int n, bool breaching) =>
        $"Threshold Crossed: no datapoints were received for {n} period{(n == 1 ? "" : "s")} and {n} missing datapoint{(n == 1 ? " was" : "s were")} treated as [{(breaching ? "Breaching" : "NonBreaching")}].";

    internal static string Insufficient(int n) => $"Insufficient Data: {n} datapoint{(n == 1 ? " was" : "s were")} unknown.";

    /// <summary>A datapoint's value as CloudWatch prints it: <c>5.0</c>, <c>12.5</c>.</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A datapoint's time as CloudWatch prints it (UTC, day first).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("dd/MM/yy HH:mm:ss", CultureInfo.InvariantCulture);
}
