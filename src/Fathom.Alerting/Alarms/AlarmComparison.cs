namespace Fathom.Alerting.Alarms;

/// <summary>The comparison operators Fathom evaluates (the threshold ones; the band ones belong to anomaly detection).</summary>
public static class AlarmComparison
{
    public const string GreaterThanOrEqual = "GreaterThanOrEqualToThreshold";
    public const string GreaterThan = "GreaterThanThreshold";
    public const string LessThan = "LessThanThreshold";
    public const string LessThanOrEqual = "LessThanOrEqualToThreshold";

    public static bool IsSupported(string comparison) => comparison is GreaterThanOrEqual or GreaterThan or LessThan or LessThanOrEqual;

    /// <summary>Whether a value breaches the threshold.</summary>
    public static bool Breaches(string comparison, double value, double threshold) => comparison switch
    {
        GreaterThanOrEqual => value >= threshold,
        GreaterThan => value > threshold,
        LessThan => value < threshold,
        LessThanOrEqual => value <= threshold,
        _ => false,
    };

    /// <summary>The words CloudWatch's reason text uses (<c>was greater than the threshold</c>).</summary>
    public static string Words(string comparison) => comparison switch
    {
        GreaterThanOrEqual => "greater than or equal to",
        GreaterThan => "greater than",
        LessThan => "less than",
        LessThanOrEqual => "less than or equal to",
        _ => comparison,
    };
}
