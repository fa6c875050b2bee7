namespace Fathom.Runtime.Isolation;

/// <summary>One defence of the sandbox (docs/isolation.md). Each is either in place for every environment or, where
/// the machine cannot give it, named as missing with what would provide it.</summary>
public enum IsolationDefence
{
    /// <summary>bubblewrap: own mount, pid, ipc, uts and user namespaces; only the function's code, read-only.</summary>
    Sandbox,

    /// <summary>The sandbox user is an unprivileged host uid, never host root.</summary>
    Identity,

    /// <summary>The seccomp filter: no mount, ptrace, namespaces, kernel modules, BPF, perf, io_uring, keyrings.</summary>
    Seccomp,

    /// <summary><c>/proc/sys</c> and the other kernel-writing parts of <c>/proc</c> are read-only inside.</summary>
    ProcSysReadOnly,

    /// <summary>Each environment has its own network namespace: no host loopback, no other environment.</summary>
    NetworkNamespace,

    /// <summary>A cgroup enforces MemorySize.</summary>
    MemoryLimit,

    /// <summary>A cgroup limits processes and threads (fork bombs).</summary>
    PidsLimit,
}
