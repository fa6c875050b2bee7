using Fathom.Runtime.Events;

namespace Fathom.Telemetry.Metrics;

/// <summary>The labels every invocation metric is recorded under.</summary>
internal readonly record struct FunctionIdentity(string App, string Environment, string Function, string Version, string Qualifier, string Source)
{
    public static FunctionIdentity Of(InvocationCompleted invocation) => new(
        invocation.App, invocation.Environment, invocation.FunctionName, invocation.Version, invocation.Qualifier ?? "", invocation.Source);

    public SeriesKey Series(string metric, string unit) =>
        new(MetricNames.FunctionKind, App, Environment, Function, Version, Qualifier, Source, "", "", metric, "", unit);
}
