namespace Fathom.Alerting.Alarms;

/// <summary>The alarm tables of <c>alerting.db</c>.</summary>
internal static class AlarmSchema
{
    public const string V1 = """
        CREATE TABLE alarm_states (placeholder INTEGER);
        """;
}
