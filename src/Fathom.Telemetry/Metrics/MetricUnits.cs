namespace Fathom.Telemetry.Metrics;

/// <summary>CloudWatch's unit names: the only units EMF accepts, and the ones the built-in metrics use.</summary>
public static class MetricUnits
{
    public const string Count = "Count";
    public const string Milliseconds = "Milliseconds";
    public const string Megabytes = "Megabytes";
    public const string None = "None";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
        "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
        "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
        "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    };

    public static bool IsKnown(string unit) => Known.Contains(unit);
}
