using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

public sealed class NodeHeapSizingTests
{
    [Theory]
    [InlineData(128, 6, 116)]
    [InlineData(1024, 51, 922)]
    [InlineData(3008, 150, 2708)]
    public void Flags_MemorySize_FollowsLambdaBootstrapRule(int memory, int semi, int old)
    {
        NodeHeapSizing.Flags(memory).Should().Equal($"--max-semi-space-size={semi}", $"--max-old-space-size={old}");
    }

    [Fact]
    public void NodeOptions_FunctionSetsItsOwnHeap_IsLeftAlone()
    {
        NodeHeapSizing.NodeOptions(128, "--max-old-space-size=50").Should().Be("--max-old-space-size=50");
        NodeHeapSizing.NodeOptions(128, "--enable-source-maps").Should().Be("--enable-source-maps --max-semi-space-size=6 --max-old-space-size=116");
    }

    [Fact]
    public async Task Flags_GivenToNode_LimitTheHeap()
    {
        using var process = await TestProcess.RunAsync(["node", .. NodeHeapSizing.Flags(256), "-e",
            "console.log(Math.round(require('v8').getHeapStatistics().heap_size_limit / 1048576))"]);

        var limitMb = int.Parse(process.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        limitMb.Should().BeInRange(231, 300, "old space 231 MB plus the young generation");
    }
}
