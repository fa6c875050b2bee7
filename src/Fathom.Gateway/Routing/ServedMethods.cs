namespace Fathom.Gateway.Routing;

/// <summary>The methods API Gateway serves; its <c>ANY</c> means these seven and nothing else.</summary>
internal static class ServedMethods
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };
}
