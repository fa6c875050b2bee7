using System.IO.Pipes;
using System.Runtime.InteropServices;
using Fathom.Runtime.Logging;
using Fathom.Runtime.Processes;

namespace Fathom.Runtime.Environments;

/// <summary>Reads one output pipe of a runtime process continuously (a chatty function never blocks on a full
/// pipe) and hands over complete records through an <see cref="IOutputDecoder"/> (lines, or the runtime client's log
/// frames; long records cut, a flood past the per-invocation budget dropped with one marker, so memory stays bounded).
/// <see cref="WaitForDrainAsync"/> lets an invocation's END wait until every byte written before its response has been
/// read, so records are attributed to the right request.</summary>
internal sealed class OutputPump
{
    private const int PipeBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly SafeHandle? _handle;
    private readonly IOutputDecoder _decoder;

    // Held across each read(2) and while the drain check reads the counters: a read that has taken bytes from the
    // kernel but not yet counted them would otherwise be invisible to both (with async reads that window lasts as long
    // as the thread pool takes to run the continuation: milliseconds under load, and a line lands after END).
    private readonly Lock _gate = new();
    private long _received;
    private long _processed;
    private TaskCompletionSource _progress = NewSignal();

    public OutputPump(Stream stream, IOutputDecoder decoder)
    {
        _stream = stream;
        _handle = (stream as PipeStream)?.SafePipeHandle;
        if (_handle is not null)
        {
            // Node writes to a full pipe asynchronously, from its own buffer, where no drain check can see it; a
            // larger pipe keeps a burst of output in the kernel, so it is read before the invocation's END.
            NativeMethods.GrowPipe(_handle, PipeBytes);
        }

        _decoder = decoder;
        Completion = _handle is null ? RunAsync() : RunOnThreadAsync(_handle);
    }

    /// <summary>Starts the per-invocation output budget over (a partial line so far goes out first).</summary>
    public void StartInvocation() => _decoder.StartInvocation();

    /// <summary>Completes when the pipe is closed (the process and its children are gone) and the last line is out.</summary>
    public Task Completion { get; }

    /// <summary>Waits until what was written to the pipe up to now has been read, or until <paramref name="limit"/> passes.</summary>
    public async Task WaitForDrainAsync(TimeSpan limit, TimeProvider timeProvider)
    {
        if (_handle is null || Completion.IsCompleted)
        {
            return;
        }

        long target;
        lock (_gate)
        {
            target = _received + NativeMethods.BytesAvailable(_handle);
        }

        if (Interlocked.Read(ref _processed) >= target)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(limit, timeProvider);
        while (Interlocked.Read(ref _processed) < target && !Completion.IsCompleted)
        {
            try
            {
                await Volatile.Read(ref _progress).Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                Interlocked.Add(ref _received, read);
                _decoder.Write(buffer.AsSpan(0, read));
                Interlocked.Add(ref _processed, read);
                Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe broke: the process is gone.
        }

        _decoder.Flush();

        _progress.TrySetResult();
    }

    // A pipe is read on a thread of its own with poll(2) and read(2), so that taking bytes and counting them happen
    // under _gate; the poll times out now and then to notice a handle closed under it.
    private Task RunOnThreadAsync(SafeHandle handle)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ReadLoop(handle);
            }
            finally
            {
                _decoder.Flush();
                _progress.TrySetResult();
                done.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "fathom output",
        };
        thread.Start();
        return done.Task;
    }

    private void ReadLoop(SafeHandle handle)
    {
        var buffer = new byte[16 * 1024];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            while (!handle.IsClosed)
            {
                if (!NativeMethods.WaitReadable(fd, 250))
                {
                    continue;
                }

                int read;
                lock (_gate)
                {
                    read = NativeMethods.Read(fd, buffer);
                    if (read > 0)
                    {
                        _received += read;
                    }
                }

                if (read == 0 || (read < 0 && Marshal.GetLastPInvokeError() is not (Eagain or Eintr)))
                {
                    return;
                }

                if (read > 0)
                {
                    _decoder.Write(buffer.AsSpan(0, read));
                    Interlocked.Add(ref _processed, read);
                    Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The environment closed the pipe: nothing more to read.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private const int Eintr = 4;
    private const int Eagain = 11;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
