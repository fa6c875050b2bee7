using Fathom.Apps.Config;
using Fathom.Runtime.Hosting;
using Fathom.Server.Up;

namespace Fathom.Server.Tests.Up;

public sealed class UpHostRuntimeConfigTests
{
    [Fact]
    public void ApplyRuntimeConfig_SettingsGiven_ReachTheRuntimeOptions()
    {
        var options = new RuntimeOptions();

        UpHost.ApplyRuntimeConfig(new RuntimeConfig { MaxEnvironments = 3, IdleTimeout = TimeSpan.FromSeconds(30), QueueLength = 0 }, "/srv/app", options);

        (options.MaxEnvironmentsPerFunction, options.IdleTimeout, options.MaxQueueLength).Should().Be((3, TimeSpan.FromSeconds(30), 0));
    }

    [Fact]
    public void ApplyRuntimeConfig_SettingsLeftOut_KeepTheRuntimeDefaults()
    {
        var defaults = new RuntimeOptions();
        var options = new RuntimeOptions();

        UpHost.ApplyRuntimeConfig(new RuntimeConfig(), "/srv/app", options);

        (options.MaxEnvironmentsPerFunction, options.IdleTimeout, options.MaxQueueLength, options.NodePath)
            .Should().Be((defaults.MaxEnvironmentsPerFunction, defaults.IdleTimeout, defaults.MaxQueueLength, null));
    }

    [Fact]
    public void ApplyRuntimeConfig_RelativeNodePath_IsRelativeToTheApp()
    {
        var options = new RuntimeOptions();

        UpHost.ApplyRuntimeConfig(new RuntimeConfig { Node = "tools/node/bin/node" }, "/srv/app", options);

        options.NodePath.Should().Be("/srv/app/tools/node/bin/node");
    }

    [Fact]
    public void ApplyRuntimeConfig_NodeFlagGiven_WinsOverTheConfig()
    {
        var options = new RuntimeOptions { NodePath = "/usr/bin/node" };

        UpHost.ApplyRuntimeConfig(new RuntimeConfig { Node = "/opt/node" }, "/srv/app", options);

        options.NodePath.Should().Be("/usr/bin/node");
    }
}
