namespace Fathom.Alerting.Alarms;

/// <summary>One period's value of an alarm's metric.</summary>
/// <param name="Time">The start of the period.</param>
public readonly record struct AlarmDatapoint(DateTimeOffset Time, double Value);
