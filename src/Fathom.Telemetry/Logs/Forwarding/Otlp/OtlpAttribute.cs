namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>An OTLP <c>KeyValue</c>.</summary>
internal readonly record struct OtlpAttribute(string Key, OtlpValue Value)
{
    public OtlpAttribute(string key, string value)
        : this(key, OtlpValue.Of(value))
    {
    }
}
