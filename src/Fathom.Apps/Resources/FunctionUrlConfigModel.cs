using Fathom.Apps.Routes;

namespace Fathom.Apps.Resources;

/// <summary>A function URL (<c>FunctionUrlConfig</c>).</summary>
public sealed record FunctionUrlConfigModel
{
    /// <summary><c>NONE</c> or <c>AWS_IAM</c>.</summary>
    public required string AuthType { get; init; }

    /// <summary><c>BUFFERED</c> (default) or <c>RESPONSE_STREAM</c>.</summary>
    public string InvokeMode { get; init; } = "BUFFERED";

    public CorsModel? Cors { get; init; }
}
