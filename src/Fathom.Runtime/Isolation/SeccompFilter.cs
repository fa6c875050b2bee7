using System.Buffers.Binary;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Builds the classic-BPF seccomp program bubblewrap installs with <c>--seccomp FD</c> (it reads the raw
/// <c>struct sock_filter</c> array and loads it with no_new_privs set). Built by hand rather than through
/// libseccomp: the program is small, fixed and testable byte by byte. Shape:
/// <list type="number">
/// <item>a call from another architecture (a 32-bit binary, x32 on x86_64) kills the process, since its numbers
/// mean other calls;</item>
/// <item>each refused call answers EPERM, clone3 ENOSYS, clone with a namespace flag EPERM;</item>
/// <item>everything else is allowed.</item>
/// </list>
/// </summary>
internal static class SeccompFilter
{
    private const ushort LoadWordAbsolute = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort JumpIfEqual = 0x15;        // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpIfSet = 0x45;          // BPF_JMP | BPF_JSET | BPF_K
    private const ushort Return = 0x06;             // BPF_RET | BPF_K
    private const uint Allow = 0x7FFF0000;          // SECCOMP_RET_ALLOW
    private const uint KillProcess = 0x80000000;    // SECCOMP_RET_KILL_PROCESS
    private const uint ErrnoBase = 0x00050000;      // SECCOMP_RET_ERRNO
    private const uint Eperm = 1;
    private const uint Enosys = 38;

    // Offsets into struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
    private const uint NrOffset = 0;
    private const uint ArchOffset = 4;
    private const uint FirstArgLowOffset = 16; // little-endian: the low 32 bits of args[0]

    /// <summary>The program for <paramref name="auditArch"/> as bubblewrap reads it (8 bytes an instruction).</summary>
    public static byte[] Build(uint auditArch)
    {
        var x86 = auditArch == SeccompSyscalls.AuditArchX8664;
        if (!x86 && auditArch != SeccompSyscalls.AuditArchAarch64)
        {
            throw new PlatformNotSupportedException($"No seccomp syscall table for audit architecture 0x{auditArch:X8}.");
        }

        var denied = SeccompSyscalls.Denied
            .Select(d => x86 ? d.X8664 : d.Aarch64)
            .OfType<int>()
            .Distinct()
            .ToList();
        var clone = x86 ? SeccompSyscalls.Clone.X8664 : SeccompSyscalls.Clone.Aarch64;
        var clone3 = x86 ? SeccompSyscalls.Clone3.X8664 : SeccompSyscalls.Clone3.Aarch64;

        // The tail every check jumps to, from the end backwards: [n-1] EPERM, [n-2] ENOSYS, [n-3] ALLOW.
        var program = new List<(ushort Code, byte True, byte False, uint K)>
        {
            (LoadWordAbsolute, 0, 0, ArchOffset),
            (JumpIfEqual, 1, 0, auditArch),
            (Return, 0, 0, KillProcess),
            (LoadWordAbsolute, 0, 0, NrOffset),
        };
        var checks = new List<(uint Nr, Target Target)>();
        checks.AddRange(denied.Select(nr => ((uint)nr, Target.Eperm)));
        checks.Add(((uint)clone3, Target.Enosys));

        // Instructions after the checks, before the tail: the x32 test, the clone test, and the clone argument test.
        var checkStart = program.Count;
        var afterChecks = checkStart + checks.Count + (x86 ? 1 : 0);
        // afterChecks: jeq clone → argument test, else allow;  then ld arg0; jset flags → EPERM; allow(tail)
        var cloneJump = afterChecks;
        var loadArg = cloneJump + 1;
        var testFlags = loadArg + 1;
        var allow = testFlags + 1;
        var enosys = allow + 1;
        var eperm = enosys + 1;

        foreach (var (nr, target) in checks)
        {
            var here = program.Count;
            program.Add((JumpIfEqual, Offset(here, target == Target.Eperm ? eperm : enosys), 0, nr));
        }

        if (x86)
        {
            var here = program.Count;
            program.Add((JumpIfSet, Offset(here, eperm), 0, SeccompSyscalls.X32SyscallBit));
        }

        program.Add((JumpIfEqual, 0, Offset(cloneJump, allow), (uint)clone));
        program.Add((LoadWordAbsolute, 0, 0, FirstArgLowOffset));
        program.Add((JumpIfSet, Offset(testFlags, eperm), 0, SeccompSyscalls.CloneNamespaceFlags));
        program.Add((Return, 0, 0, Allow));
        program.Add((Return, 0, 0, ErrnoBase | Enosys));
        program.Add((Return, 0, 0, ErrnoBase | Eperm));

        var bytes = new byte[program.Count * 8];
        for (var i = 0; i < program.Count; i++)
        {
            var (code, jt, jf, k) = program[i];
            var slot = bytes.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, code);
            slot[2] = jt;
            slot[3] = jf;
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], k);
        }

        return bytes;
    }

    /// <summary>Writes the program for this machine's architecture to <paramref name="path"/> (readable by the owner only).</summary>
    public static void WriteForCurrentArchitecture(string path)
    {
        var arch = SeccompSyscalls.CurrentAuditArch()
            ?? throw new PlatformNotSupportedException("The seccomp filter supports x86_64 and aarch64 only.");
        var bytes = Build(arch);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, bytes);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    // BPF jumps are relative to the next instruction and must fit a byte.
    private static byte Offset(int from, int to)
    {
        var offset = to - from - 1;
        if (offset is < 0 or > byte.MaxValue)
        {
            throw new InvalidOperationException($"seccomp jump of {offset} does not fit the program layout.");
        }

        return (byte)offset;
    }

    private enum Target
    {
        Eperm,
        Enosys,
    }
}
