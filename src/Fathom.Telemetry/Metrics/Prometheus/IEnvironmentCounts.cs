namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>How many execution environments each loaded function version has running (busy or idle), for
/// <c>fathom_environments</c>. The host implements it over its runtime; with none registered the family is left out.</summary>
public interface IEnvironmentCounts
{
    /// <summary>Versions with at least one environment, or that are live; read once per scrape.</summary>
    IReadOnlyList<EnvironmentCount> Current();
}

/// <param name="App">The app.</param>
/// <param name="Environment">The app environment (<c>local</c> under <c>fathom up</c>).</param>
/// <param name="Function">The function name.</param>
/// <param name="Version">The version number, as a label value.</param>
/// <param name="Count">Environments running now.</param>
public sealed record EnvironmentCount(string App, string Environment, string Function, string Version, int Count);
