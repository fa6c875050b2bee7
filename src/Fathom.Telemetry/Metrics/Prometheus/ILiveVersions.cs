namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Which function versions are live: the target of an alias right now (its primary or its routing's additional
/// version). The exposition keeps a live version's series however long it has been idle; any other version's series
/// go once it has served nothing for <see cref="PrometheusOptions.ServedWindow"/>, so reload after reload does not grow
/// the exposition without bound. With none registered, only that last-served rule applies.</summary>
public interface ILiveVersions
{
    /// <summary>True when an alias of the function in that app environment points at <paramref name="version"/> now.
    /// Called on the ingest path and on every scrape: it must be cheap and never wait.</summary>
    bool IsLive(string app, string environment, string function, string version);
}
