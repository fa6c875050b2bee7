namespace Fathom.Cli.Commands.Metrics;

/// <summary>What `fathom metrics` asks for, as the API's parameters.</summary>
internal sealed record MetricsQuery(
    string? Function, string Since, string? Start, string? End, string Period, string? Stat, string? Metric, string? Namespace,
    string? Version, string? Alias, string? Source, string? App, string? Environment)
{
    public string ToQueryString(string? function)
    {
        var parts = new List<string> { "total=true" };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("function", function);
        Add("since", Start is null ? Since : null);
        Add("start", Start);
        Add("end", End);
        Add("period", Period);
        Add("stat", Stat);
        Add("metric", Metric);
        Add("namespace", Namespace);
        Add("version", Version);
        Add("alias", Alias);
        Add("source", Source);
        Add("app", App);
        Add("env", Environment);
        return string.Join('&', parts);
    }
}
