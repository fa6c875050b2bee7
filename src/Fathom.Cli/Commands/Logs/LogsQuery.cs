namespace Fathom.Cli.Commands.Logs;

/// <summary>What `fathom logs` asks the server for, as URL parameters of <c>/fathom/v1/logs</c>.</summary>
internal sealed record LogsQuery(
    string? Function, string? Since, string? Start, string? End, string? Filter, string? RequestId, string? Version, string? Level, int Limit,
    string? App = null, string? Environment = null)
{
    public string ToQueryString(int? limit = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("app", App);
        Add("env", Environment);
        Add("function", Function);
        Add("since", Since);
        Add("start", Start);
        Add("end", End);
        Add("filter", Filter);
        Add("requestId", RequestId);
        Add("version", Version);
        Add("level", Level);
        if (limit is { } n)
        {
            parts.Add($"limit={n}");
        }

        return string.Join('&', parts);
    }
}
