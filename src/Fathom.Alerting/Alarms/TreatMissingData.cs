namespace Fathom.Alerting.Alarms;

/// <summary>CloudWatch's <c>TreatMissingData</c> values.</summary>
public static class TreatMissingData
{
    /// <summary>All periods without data: INSUFFICIENT_DATA.</summary>
    public const string Missing = "missing";

    /// <summary>All periods without data: the state stays as it is.</summary>
    public const string Ignore = "ignore";

    /// <summary>A period without data counts as breaching.</summary>
    public const string Breaching = "breaching";

    /// <summary>A period without data counts as good.</summary>
    public const string NotBreaching = "notBreaching";

    public static IReadOnlyList<string> All { get; } = [Missing, Ignore, Breaching, NotBreaching];
}
