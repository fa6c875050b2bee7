namespace Fathom.Telemetry.Logs;

/// <summary>The comparison of a <c>key=value</c> style filter term.</summary>
internal enum FilterOperator
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
