namespace Fathom.Runtime.Processes;

/// <summary>How a runtime process ended, worded as Lambda words it (<c>exit status 1</c>, <c>signal: killed</c>).</summary>
internal static class ProcessExit
{
    public static string Describe(int exitCode) => exitCode switch
    {
        // .NET reports death by signal N as 128 + N; these are the signals that realistically end a runtime.
        134 => "signal: aborted",
        137 => "signal: killed",
        139 => "signal: segmentation fault",
        143 => "signal: terminated",
        _ => $"exit status {exitCode}",
    };
}
