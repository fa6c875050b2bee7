namespace Fathom.Apps.Config;

/// <summary>How an OTLP/HTTP export body is encoded.</summary>
public enum OtlpEncoding
{
    /// <summary>Binary protobuf, <c>application/x-protobuf</c>.</summary>
    Protobuf,

    /// <summary>The OTLP JSON mapping, <c>application/json</c>.</summary>
    Json,
}
