namespace Fathom.Apps.Resources;

/// <summary>A function's <c>LoggingConfig</c>.</summary>
public sealed record FunctionLoggingModel
{
    /// <summary><c>Text</c> (default) or <c>JSON</c>.</summary>
    public string LogFormat { get; init; } = "Text";

    /// <summary>TRACE, DEBUG, INFO, WARN, ERROR or FATAL; JSON format only.</summary>
    public string? ApplicationLogLevel { get; init; }

    /// <summary>DEBUG, INFO or WARN; JSON format only.</summary>
    public string? SystemLogLevel { get; init; }

    /// <summary>Custom log group name; default <c>/aws/lambda/NAME</c>.</summary>
    public string? LogGroup { get; init; }
}
