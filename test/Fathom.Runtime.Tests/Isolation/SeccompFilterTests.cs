using System.Buffers.Binary;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

/// The filter's program, run through a small classic-BPF evaluator: what each system call gets.
public sealed class SeccompFilterTests
{
    private const uint Allow = 0x7FFF0000;
    private const uint Kill = 0x80000000;
    private const uint Eperm = 0x00050001;
    private const uint Enosys = 0x00050026;

    [Theory]
    [InlineData(165u, Eperm)]          // mount
    [InlineData(101u, Eperm)]          // ptrace
    [InlineData(272u, Eperm)]          // unshare
    [InlineData(308u, Eperm)]          // setns
    [InlineData(321u, Eperm)]          // bpf
    [InlineData(298u, Eperm)]          // perf_event_open
    [InlineData(250u, Eperm)]          // keyctl
    [InlineData(323u, Eperm)]          // userfaultfd
    [InlineData(425u, Eperm)]          // io_uring_setup
    [InlineData(246u, Eperm)]          // kexec_load
    [InlineData(435u, Enosys)]         // clone3, as Docker answers it
    [InlineData(0u, Allow)]            // read
    [InlineData(1u, Allow)]            // write
    [InlineData(57u, Allow)]           // fork
    [InlineData(59u, Allow)]           // execve
    [InlineData(0x40000000u, Eperm)]   // x32 read
    public void Build_X8664_AnswersEachCallAsDocumented(uint nr, uint expected)
    {
        var program = SeccompFilter.Build(SeccompSyscalls.AuditArchX8664);

        Run(program, SeccompSyscalls.AuditArchX8664, nr, 0).Should().Be(expected);
    }

    [Theory]
    [InlineData(0x10000000u, Eperm)]   // CLONE_NEWUSER
    [InlineData(0x20000000u, Eperm)]   // CLONE_NEWPID
    [InlineData(0x40000000u, Eperm)]   // CLONE_NEWNET
    [InlineData(0x00020000u, Eperm)]   // CLONE_NEWNS
    [InlineData(0x003D0F00u, Allow)]   // what glibc's pthread_create passes
    [InlineData(0x01200011u, Allow)]   // what glibc's fork passes
    public void Build_CloneWithNamespaceFlags_Refused(uint flags, uint expected)
    {
        foreach (var (arch, clone) in new[] { (SeccompSyscalls.AuditArchX8664, 56u), (SeccompSyscalls.AuditArchAarch64, 220u) })
        {
            Run(SeccompFilter.Build(arch), arch, clone, flags).Should().Be(expected);
        }
    }

    [Fact]
    public void Build_CallFromAnotherArchitecture_KillsTheProcess()
    {
        const uint i386 = 0x40000003;

        Run(SeccompFilter.Build(SeccompSyscalls.AuditArchX8664), i386, 0, 0).Should().Be(Kill);
        Run(SeccompFilter.Build(SeccompSyscalls.AuditArchAarch64), SeccompSyscalls.AuditArchX8664, 0, 0).Should().Be(Kill);
    }

    [Fact]
    public void Build_Aarch64_UsesItsOwnNumbers()
    {
        var program = SeccompFilter.Build(SeccompSyscalls.AuditArchAarch64);

        Run(program, SeccompSyscalls.AuditArchAarch64, 40, 0).Should().Be(Eperm, "mount is 40 on aarch64");
        Run(program, SeccompSyscalls.AuditArchAarch64, 165, 0).Should().Be(Allow, "165 is getrusage on aarch64");
        Run(program, SeccompSyscalls.AuditArchAarch64, 0x40000000, 0).Should().Be(Allow, "aarch64 has no x32 ABI to refuse");
    }

    [Fact]
    public void Denied_EveryListedCall_RefusedOnBothArchitectures()
    {
        foreach (var (name, x64, arm64) in SeccompSyscalls.Denied)
        {
            Run(SeccompFilter.Build(SeccompSyscalls.AuditArchX8664), SeccompSyscalls.AuditArchX8664, (uint)x64, 0).Should().Be(Eperm, name);
            if (arm64 is { } nr)
            {
                Run(SeccompFilter.Build(SeccompSyscalls.AuditArchAarch64), SeccompSyscalls.AuditArchAarch64, (uint)nr, 0).Should().Be(Eperm, name);
            }
        }
    }

    // A classic-BPF evaluator for the instructions the filter uses: ld [k], jeq, jset, ret.
    private static uint Run(byte[] program, uint arch, uint nr, uint arg0Low)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(16), arg0Low);
        uint accumulator = 0;
        var pc = 0;
        for (var steps = 0; steps < 10_000; steps++)
        {
            var instruction = program.AsSpan(pc * 8, 8);
            var code = BinaryPrimitives.ReadUInt16LittleEndian(instruction);
            var (jt, jf) = (instruction[2], instruction[3]);
            var k = BinaryPrimitives.ReadUInt32LittleEndian(instruction[4..]);
            switch (code)
            {
                case 0x20: accumulator = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k)); pc++; break;
                case 0x15: pc += 1 + (accumulator == k ? jt : jf); break;
                case 0x45: pc += 1 + ((accumulator & k) != 0 ? jt : jf); break;
                case 0x06: return k;
                default: throw new InvalidOperationException($"unexpected BPF instruction 0x{code:X}");
            }
        }

        throw new InvalidOperationException("the program did not return");
    }
}
