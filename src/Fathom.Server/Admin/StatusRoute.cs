namespace Fathom.Server.Admin;

internal sealed record StatusRoute(
    string Method,
    string Path,
    string ApiKind,
    string ApiId,
    string ApiLogicalId,
    string Stage,
    string PayloadFormatVersion,
    string FunctionName,
    string? Qualifier);
