using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class VersionOrderTests
{
    [Theory]
    [InlineData("10", "9", true)]
    [InlineData("2", "10", false)]
    [InlineData("3", "3", false)]
    [InlineData("1", "$LATEST", true)]
    [InlineData("1", null, true)]
    public void IsNewer_ComparesNumerically(string candidate, string? than, bool newer) =>
        VersionOrder.IsNewer(candidate, than).Should().Be(newer);
}
