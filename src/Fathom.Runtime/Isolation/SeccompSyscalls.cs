using System.Runtime.InteropServices;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// The system calls the sandbox's seccomp filter refuses, with their numbers on the two architectures Fathom runs
/// on. The list follows what Docker's default profile refuses a container without CAP_SYS_ADMIN: changing mounts,
/// namespaces and the kernel itself, tracing other processes, kernel keyrings, and the large attack surfaces that
/// an ordinary function never needs (BPF, perf events, io_uring, userfaultfd).
/// </summary>
internal static class SeccompSyscalls
{
    /// AUDIT_ARCH_X86_64: EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE.
    public const uint AuditArchX8664 = 0xC000003E;

    /// AUDIT_ARCH_AARCH64: EM_AARCH64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE.
    public const uint AuditArchAarch64 = 0xC00000B7;

    /// The x32 ABI shares x86_64's audit architecture and marks its numbers with this bit; it is refused whole.
    public const uint X32SyscallBit = 0x40000000;

    /// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET.
    public const uint CloneNamespaceFlags = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    /// <summary>Refused with EPERM: name, x86_64 number, aarch64 number (null where the call does not exist).</summary>
    public static readonly IReadOnlyList<(string Name, int X8664, int? Aarch64)> Denied =
    [
        // Mounts and the root file system.
        ("mount", 165, 40), ("umount2", 166, 39), ("pivot_root", 155, 41), ("chroot", 161, 51),
        ("open_tree", 428, 428), ("move_mount", 429, 429), ("fsopen", 430, 430), ("fsconfig", 431, 431),
        ("fsmount", 432, 432), ("fspick", 433, 433), ("mount_setattr", 442, 442),
        // Namespaces (clone with namespace flags is checked by argument).
        ("unshare", 272, 97), ("setns", 308, 268),
        // Other processes' memory and files.
        ("ptrace", 101, 117), ("process_vm_readv", 310, 270), ("process_vm_writev", 311, 271), ("kcmp", 312, 272),
        ("pidfd_getfd", 438, 438),
        // The kernel itself.
        ("kexec_load", 246, 104), ("kexec_file_load", 320, 294), ("reboot", 169, 142), ("init_module", 175, 105),
        ("finit_module", 313, 273), ("delete_module", 176, 106), ("create_module", 174, null), ("get_kernel_syms", 177, null),
        ("query_module", 178, null), ("swapon", 167, 224), ("swapoff", 168, 225), ("acct", 163, 89), ("syslog", 103, 116),
        ("settimeofday", 164, 170), ("clock_settime", 227, 112), ("clock_adjtime", 305, 266), ("quotactl", 179, 60),
        ("quotactl_fd", 443, 443), ("lookup_dcookie", 212, 18), ("nfsservctl", 180, 42), ("vhangup", 153, 58),
        ("uselib", 134, null), ("ustat", 136, null), ("sysfs", 139, null), ("_sysctl", 156, null), ("iopl", 172, null),
        ("ioperm", 173, null), ("open_by_handle_at", 304, 265), ("name_to_handle_at", 303, 264),
        // Large attack surfaces a function does not need.
        ("bpf", 321, 280), ("perf_event_open", 298, 241), ("userfaultfd", 323, 282),
        ("io_uring_setup", 425, 425), ("io_uring_enter", 426, 426), ("io_uring_register", 427, 427),
        // Kernel keyrings.
        ("add_key", 248, 217), ("request_key", 249, 218), ("keyctl", 250, 219),
    ];

    /// clone: refused when its flags (first argument on both architectures) ask for a namespace.
    public static (int X8664, int Aarch64) Clone => (56, 220);

    /// clone3 answers ENOSYS, as under Docker: its flags live in memory a filter cannot read, and C libraries fall
    /// back to clone, whose flags it can.
    public static (int X8664, int Aarch64) Clone3 => (435, 435);

    /// <summary>The audit architecture of this process, or null where Fathom has no syscall table.</summary>
    public static uint? CurrentAuditArch() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => AuditArchX8664,
        Architecture.Arm64 => AuditArchAarch64,
        _ => null,
    };
}
