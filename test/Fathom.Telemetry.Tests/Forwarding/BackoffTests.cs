using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Telemetry.Tests.Forwarding;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1_000)]
    [InlineData(3, 4_000)]
    [InlineData(5, 16_000)]
    [InlineData(6, 30_000)]
    [InlineData(40, 30_000)]
    public void Delay_DoublesFromInitialUpToMax(int attempt, int milliseconds)
    {
        Backoff.Delay(attempt, Initial, Max, random: 0.5).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void Delay_Jitter_SpreadsByAQuarterEitherWayButNeverPastMax()
    {
        (Backoff.Delay(2, Initial, Max, 0), Backoff.Delay(2, Initial, Max, 1)).Should().Be((TimeSpan.FromMilliseconds(1_500), TimeSpan.FromMilliseconds(2_500)));
        Backoff.Delay(10, Initial, Max, 1).Should().Be(Max);
    }
}
