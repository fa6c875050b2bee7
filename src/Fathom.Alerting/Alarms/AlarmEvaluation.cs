namespace Fathom.Alerting.Alarms;

/// <summary>CloudWatch's evaluation of one rule over its most recent periods, as a pure function: M of N datapoints,
/// each TreatMissingData value. With <c>missing</c> and <c>ignore</c> the most recent N datapoints present within 2 × N
/// periods are used (CloudWatch also looks further back than N when some are missing); only when none is present do the
/// two differ (INSUFFICIENT_DATA, or the state kept).</summary>
public static class AlarmEvaluation
{
    /// <param name="points">Datapoints of the 2 × N periods before <paramref name="end"/> (older ones are ignored).</param>
    /// <param name="end">The end of the newest complete period.</param>
    /// <param name="period">The evaluated period.</param>
    /// <param name="current">The state now, for the reason text and <c>ignore</c>.</param>
    public static AlarmOutcome Evaluate(AlarmRule rule, IReadOnlyList<AlarmDatapoint> points, DateTimeOffset end, TimeSpan period, string current)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(points);
        var n = rule.EvaluationPeriods;
        var m = Math.Min(rule.DatapointsToAlarm, n);
        var byTime = points.Where(p => p.Time < end && p.Time >= end - (period * 2 * n)).ToDictionary(p => p.Time, p => p.Value);
        bool Breaches(double value) => AlarmComparison.Breaches(rule.ComparisonOperator, value, rule.Threshold);

        if (rule.TreatMissingData is TreatMissingData.Breaching or TreatMissingData.NotBreaching)
        {
            var recent = Enumerable.Range(1, n).Select(i => end - (period * i))
                .Select(t => byTime.TryGetValue(t, out var v) ? new AlarmDatapoint(t, v) : (AlarmDatapoint?)null).ToList();
            var present = recent.OfType<AlarmDatapoint>().ToList();
            var missing = n - present.Count;
            var missingBreaches = rule.TreatMissingData == TreatMissingData.Breaching;
            var breaching = present.Count(p => Breaches(p.Value)) + (missingBreaches ? missing : 0);
            var state = breaching >= m ? AlarmStates.Alarm : AlarmStates.Ok;
            if (present.Count == 0)
            {
                return new AlarmOutcome(state, AlarmReason.AllMissing(n, missingBreaches), []);
            }

            return new AlarmOutcome(state, AlarmReason.Crossed(rule, state, current, present, n, m, missing, missingBreaches), present);
        }

        var existing = byTime.OrderByDescending(p => p.Key).Take(n).Select(p => new AlarmDatapoint(p.Key, p.Value)).ToList();
        if (existing.Count == 0)
        {
            return rule.TreatMissingData == TreatMissingData.Ignore
                ? new AlarmOutcome(current, "", [], Keep: true)
                : new AlarmOutcome(AlarmStates.InsufficientData, AlarmReason.Insufficient(n), []);
        }

        var alarm = existing.Count(p => Breaches(p.Value)) >= m;
        var next = alarm ? AlarmStates.Alarm : AlarmStates.Ok;
        return new AlarmOutcome(next, AlarmReason.Crossed(rule, next, current, existing, n, m, 0, false), existing);
    }
}
