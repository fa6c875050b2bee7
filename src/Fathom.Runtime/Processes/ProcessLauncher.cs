using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fathom.Runtime.Processes;

/// <summary>Starts every runtime process from one long-lived thread (DESIGN.md "Processes"). The kernel's
/// parent-death signal fires when the thread that forked a child exits, so forking from pool threads, which come
/// and go, would kill environments at random; this thread lives as long as the host.</summary>
internal sealed class ProcessLauncher : IDisposable
{
    private static readonly string? Setsid = FindExecutable("setsid");
    private static readonly string? Setpriv = FindExecutable("setpriv");

    private readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> _requests = [];
    private readonly Thread _thread;

    public ProcessLauncher()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "fathom-process-launcher" };
        _thread.Start();
    }

    /// <summary>True when processes get their own session and a parent-death signal (util-linux present).</summary>
    public static bool IsolatesProcessGroups => Setsid is not null && Setpriv is not null;

    /// <summary>Starts <paramref name="command"/> in its own session and process group, killed if this host dies.</summary>
    public Task<Process> StartAsync(IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // .NET runs no code between fork and exec, so setsid and setpriv do it: a new session (which is also a new
        // process group whose id is the pid) and SIGKILL when the launching thread dies. Both exec in place.
        IEnumerable<string> argv = command;
        if (IsolatesProcessGroups)
        {
            argv = [Setsid!, Setpriv!, "--pdeathsig", "KILL", "--", .. command];
        }

        var list = argv.ToList();
        startInfo.FileName = list[0];
        foreach (var argument in list.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _requests.Add((startInfo, started));
        }
        catch (InvalidOperationException)
        {
            started.SetException(new ObjectDisposedException(nameof(ProcessLauncher)));
        }

        return started.Task;
    }

    private void Run()
    {
        foreach (var (startInfo, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(startInfo)!;
                process.StandardInput.Close();
                started.SetResult(process);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    /// <summary>Stops the thread. Call only after the processes are stopped: its exit sends them SIGKILL.</summary>
    public void Dispose()
    {
        _requests.CompleteAdding();
        _thread.Join();
        _requests.Dispose();
    }

    internal static string? FindExecutable(string name, string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':'))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
