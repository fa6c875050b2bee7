using System.Text;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

public sealed class OutputLimiterTests
{
    [Fact]
    public void Write_LineLongerThanCap_IsCutAndMarked()
    {
        var lines = new List<string>();
        var limiter = new OutputLimiter(lines.Add, maxLineBytes: 10, maxInvocationBytes: 1000);

        limiter.Write(Encoding.UTF8.GetBytes("short\n0123456789abcdef\nnext"));
        limiter.Flush();

        lines.Should().Equal("short", "0123456789 … [line truncated: 6 more bytes]", "next");
        limiter.DroppedBytes.Should().Be(6);
    }

    [Fact]
    public void Write_PastInvocationCap_DropsRestWithOneMarkerUntilNextInvocation()
    {
        var lines = new List<string>();
        var limiter = new OutputLimiter(lines.Add, maxLineBytes: 100, maxInvocationBytes: 20);

        for (var i = 0; i < 10; i++)
        {
            limiter.Write("line-of-9\n"u8);
        }

        limiter.StartInvocation();
        limiter.Write("fresh\n"u8);

        lines.Should().Equal("line-of-9", "line-of-9", "[output truncated: this invocation reached the limit of 20 bytes]", "fresh");
        limiter.Truncated.Should().BeFalse("the budget starts over per invocation");
    }

    [Fact]
    public void Write_ChunksSplitInsideLinesAndCrLf_AreJoined()
    {
        var lines = new List<string>();
        var limiter = new OutputLimiter(lines.Add);

        limiter.Write("hel"u8);
        limiter.Write("lo\r\nwor"u8);
        limiter.Write("ld\n"u8);

        lines.Should().Equal("hello", "world");
    }

    [Fact]
    public async Task PumpAsync_ProcessPrinting100Mb_KeepsOnlyTheCappedAmount()
    {
        var received = 0L;
        var count = 0;
        var limiter = new OutputLimiter(l => { received += l.Length; count++; }, maxLineBytes: 64 * 1024, maxInvocationBytes: 1024 * 1024);
        // 100 MB: 50 lines of 1 MB each, then 50 MB of short lines.
        using var process = TestProcess.Start(["node", "-e",
            "const big = 'x'.repeat(1024 * 1024) + '\\n'; for (let i = 0; i < 50; i++) process.stdout.write(big);" +
            "const small = 'y'.repeat(99) + '\\n'; const block = small.repeat(10000); for (let i = 0; i < 50; i++) process.stdout.write(block);"], readStdout: false);

        await OutputLimiter.PumpAsync(process.Process.StandardOutput.BaseStream, limiter, TestContext.Current.CancellationToken);
        await process.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

        received.Should().BeLessThan(2 * 1024 * 1024);
        limiter.DroppedBytes.Should().BeGreaterThan(95L * 1024 * 1024);
        count.Should().BeLessThan(100);
    }
}
