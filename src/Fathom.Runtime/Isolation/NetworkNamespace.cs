using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// A network namespace that holds only an up loopback interface, owned by the platform through an open file
/// descriptor (no <c>ip netns</c> mount to leak when the platform crashes). The environment joins it with
/// <c>nsenter --net=<see cref="Path"/></c>; the platform creates the environment's Runtime API listener inside it
/// with <see cref="CreateListener"/>, so the function reaches its own Runtime API at 127.0.0.1:9001 and nothing else.
/// </summary>
/// <remarks>
/// Network namespaces are per thread: every switch happens on a short-lived dedicated thread and is undone before
/// that thread ends. Needs CAP_SYS_ADMIN (the platform runs as root); <see cref="SandboxCapabilities"/> checks it.
/// </remarks>
internal sealed class NetworkNamespace : IDisposable
{
    /// The port the runtime client is told to use, as on Lambda.
    public const int RuntimeApiPort = 9001;

    private readonly SafeFileHandle _handle;

    private NetworkNamespace(SafeFileHandle handle)
    {
        _handle = handle;
        Path = $"/proc/{Environment.ProcessId}/fd/{(int)handle.DangerousGetHandle()}";
    }

    /// A path other processes (nsenter, slirp4netns) can open to join the namespace while this object lives.
    public string Path { get; }

    /// Creates a new namespace with loopback up.
    public static NetworkNamespace Create() => new(RunOnDedicatedThread(switched =>
    {
        if (Libc.unshare(Libc.CloneNewNet) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "unshare(CLONE_NEWNET) failed");
        }

        switched();
        Libc.BringLoopbackUp();
        return File.OpenHandle("/proc/thread-self/ns/net");
    }));

    /// <summary>
    /// Creates a TCP socket inside the namespace, bound to 127.0.0.1:<paramref name="port"/> and listening.
    /// The socket keeps its namespace for life, so the platform serves it from any thread.
    /// </summary>
    public Socket CreateListener(int port = RuntimeApiPort, int backlog = 512)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var socket = RunOnDedicatedThread(switched =>
        {
            if (Libc.setns((int)_handle.DangerousGetHandle(), Libc.CloneNewNet) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "setns into the environment namespace failed");
            }

            switched();
            return new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        });
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// Releases the platform's hold; the namespace disappears once no process and no socket uses it.
    public void Dispose() => _handle.Dispose();

    /// <summary>Runs <paramref name="action"/> on a thread of its own; once the action reports (by calling the
    /// callback it is given) that it left the platform's namespace, the thread goes back before it ends.</summary>
    private static T RunOnDedicatedThread<T>(Func<Action, T> action)
        where T : class
    {
        T? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            using var own = File.OpenHandle("/proc/thread-self/ns/net");
            var switched = false;
            try
            {
                result = action(() => switched = true);
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                // A thread left in the wrong namespace could make later sockets of this process land there. One that
                // never left (unshare refused: no CAP_SYS_ADMIN) has nothing to undo, and could not setns anyway.
                if (switched && Libc.setns((int)own.DangerousGetHandle(), Libc.CloneNewNet) != 0)
                {
                    Environment.FailFast("setns back to the platform's network namespace failed");
                }
            }
        })
        {
            IsBackground = true,
            Name = "fathom-netns",
        };
        thread.Start();
        thread.Join();
        return result ?? throw new InvalidOperationException("Could not set up the environment's network namespace.", error);
    }
}
