using System.Net;
using Fathom.Server.Access.Browser;

namespace Fathom.Server.Tests.Access.Browser;

public sealed class ExposureNoticeTests
{
    [Fact]
    public void Lines_Loopback_SaysNothing() =>
        ExposureNotice.Lines("127.0.0.1", AdminHosts.LoopbackOnly, tls: false).Should().BeEmpty();

    [Fact]
    public void Lines_BeyondLoopbackWithoutTls_WarnsAndNamesTheBoundAddress()
    {
        var lines = ExposureNotice.Lines("192.168.1.5", AdminHosts.Create(IPAddress.Parse("192.168.1.5"), []), tls: false);

        lines.Should().HaveCount(2);
        lines[0].Warning.Should().BeTrue();
        lines[0].Text.Should().Contain("plain HTTP").And.Contain("--tls-cert");
        lines[1].Text.Should().Contain("192.168.1.5 only").And.Contain("--public-name");
    }

    [Fact]
    public void Lines_EveryInterfaceWithTlsAndPublicName_NamesTheHostsWithoutWarning()
    {
        var lines = ExposureNotice.Lines("0.0.0.0", AdminHosts.Create(IPAddress.Any, ["fathom.example.com"]), tls: true);

        lines.Should().ContainSingle().Which.Should().Be((false, "The admin port answers to localhost, 127.0.0.1, [::1], fathom.example.com."));
    }
}
