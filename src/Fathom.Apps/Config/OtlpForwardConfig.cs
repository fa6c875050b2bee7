namespace Fathom.Apps.Config;

/// <summary>A <c>- otlp:</c> entry of <c>logs.forward</c>: OTLP/HTTP logs export to a collector or backend.</summary>
public sealed record OtlpForwardConfig : LogForwardConfig
{
    /// <summary><c>endpoint</c>: the full URL the export is posted to, such as <c>http://127.0.0.1:4318/v1/logs</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary><c>encoding</c>: <c>protobuf</c> (the default) or <c>json</c>.</summary>
    public OtlpEncoding Encoding { get; init; } = OtlpEncoding.Protobuf;

    /// <summary><c>headers</c>: sent with every request (authentication, tenant ids).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
