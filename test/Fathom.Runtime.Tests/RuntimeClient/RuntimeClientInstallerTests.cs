using Fathom.Runtime.Hosting;
using Fathom.Runtime.RuntimeClient;

namespace Fathom.Runtime.Tests.RuntimeClient;

public sealed class RuntimeClientInstallerTests
{
    [Fact]
    public async Task EnsureInstalledAsync_SharedCache_ReturnsTheBuiltClient()
    {
        var installer = new RuntimeClientInstaller(RuntimeDefaults.CacheDirectory());
        var node = NodeInstallation.Find(null);

        var entryPoint = await installer.EnsureInstalledAsync(node, TestContext.Current.CancellationToken);
        var again = await installer.EnsureInstalledAsync(node, TestContext.Current.CancellationToken);

        File.Exists(entryPoint).Should().BeTrue();
        again.Should().Be(entryPoint);
        installer.IsInstalled(node).Should().BeTrue();
        var addon = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(entryPoint))!, "dist", "rapid-client.node");
        File.Exists(addon).Should().BeTrue("the native client was built");
    }

    [Fact]
    public void MissingTools_EmptyPath_ListsEveryToolWithTheAptLine()
    {
        var empty = Directory.CreateTempSubdirectory("fathom-empty-path-").FullName;

        var message = RuntimeClientInstaller.MissingToolsMessage("3.3.0", empty);

        message.Should().Contain("cmake").And.Contain("g++").And.Contain("libtoolize").And.Contain("sudo apt-get install -y");
        Directory.Delete(empty);
    }

    [Theory]
    [InlineData(18, "3.3.0")]
    [InlineData(20, "3.3.0")]
    [InlineData(22, "4.0.2")]
    public void VersionFor_NodeMajor_PicksAClientThatSupportsIt(int major, string expected)
    {
        RuntimeClientInstaller.VersionFor(major).Should().Be(expected);
    }
}
