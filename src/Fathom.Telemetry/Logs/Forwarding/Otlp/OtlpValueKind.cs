namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>Which <c>AnyValue</c> field is set; <see cref="Empty"/> (a JSON null) sets none.</summary>
internal enum OtlpValueKind
{
    Empty,
    String,
    Bool,
    Int,
    Double,
    Array,
    KeyValues,
}
