namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>An OTLP <c>AnyValue</c>: exactly one of its fields is meaningful, chosen by <see cref="Kind"/>.</summary>
internal readonly record struct OtlpValue(
    OtlpValueKind Kind,
    string? String = null,
    bool Bool = false,
    long Int = 0,
    double Double = 0,
    IReadOnlyList<OtlpValue>? Array = null,
    IReadOnlyList<OtlpAttribute>? KeyValues = null)
{
    public static OtlpValue Of(string value) => new(OtlpValueKind.String, String: value);

    public static OtlpValue Of(bool value) => new(OtlpValueKind.Bool, Bool: value);

    public static OtlpValue Of(long value) => new(OtlpValueKind.Int, Int: value);

    public static OtlpValue Of(double value) => new(OtlpValueKind.Double, Double: value);

    public static OtlpValue Of(object value) => value switch
    {
        string s => Of(s),
        bool b => Of(b),
        long l => Of(l),
        int i => Of((long)i),
        double d => Of(d),
        _ => Of(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };
}
