using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Fathom.Runtime.Tests.Isolation;

/// <summary>
/// Runs a real process for a test. Every process is started from one long-lived thread, because bwrap's
/// --die-with-parent is tied to the thread that spawned it (a retiring pool thread would kill the sandbox).
/// </summary>
internal sealed class TestProcess : IDisposable
{
    private static readonly BlockingCollection<Action> Queue = StartSpawner();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static TestProcess Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null, bool readStdout = true)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add(() =>
        {
            try
            {
                started.SetResult(Process.Start(start)!);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        });
        var result = new TestProcess(started.Task.GetAwaiter().GetResult());
        result.Process.OutputDataReceived += (_, e) => result.Append(result._stdout, result._stdoutClosed, e.Data);
        result.Process.ErrorDataReceived += (_, e) => result.Append(result._stderr, result._stderrClosed, e.Data);
        if (readStdout)
        {
            result.Process.BeginOutputReadLine();
        }

        result.Process.BeginErrorReadLine();
        return result;
    }

    public static async Task<TestProcess> RunAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(argv, environment);
        await process.WaitAsync();
        return process;
    }

    /// Waits for exit and for both output streams to be read to the end (generous timeout for a slow machine).
    public async Task WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private static BlockingCollection<Action> StartSpawner()
    {
        var queue = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            foreach (var action in queue.GetConsumingEnumerable())
            {
                action();
            }
        })
        {
            IsBackground = true,
            Name = "test-spawner",
        };
        thread.Start();
        return queue;
    }

    private void Append(StringBuilder target, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
