using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary><c>process_start_time_seconds</c> (the name every Prometheus client uses, so dashboards find restarts) and
/// <c>fathom_build_info</c> (which build is running, as labels on a constant 1).</summary>
internal sealed class ProcessCollector : IPrometheusCollector
{
    private static readonly double StartTimeSeconds = StartTime();
    private static readonly string BuildVersion =
        typeof(ProcessCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public void Collect(PrometheusTextWriter writer)
    {
        writer.Family("process_start_time_seconds", "gauge", "When the Fathom process started, in seconds since the Unix epoch.");
        writer.Sample([], StartTimeSeconds);
        writer.Family("fathom_build_info", "gauge", "The running build: its version and the .NET runtime, on a constant 1.");
        writer.Sample([("version", BuildVersion), ("dotnet", RuntimeInformation.FrameworkDescription)], 1);
    }

    private static double StartTime()
    {
        using var process = Process.GetCurrentProcess();
        return (process.StartTime.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds / 1000.0;
    }
}
