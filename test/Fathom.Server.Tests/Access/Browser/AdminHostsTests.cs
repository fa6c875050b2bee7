using System.Net;
using Fathom.Server.Access.Browser;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Tests.Access.Browser;

public sealed class AdminHostsTests
{
    [Theory]
    [InlineData("127.0.0.1:9400")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:1")]
    [InlineData("[::1]:9400")]
    public void Allows_LoopbackNames_Always(string host) =>
        AdminHosts.Create(IPAddress.Parse("192.168.1.5"), ["fathom.example.com"]).Allows(new HostString(host)).Should().BeTrue();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:9400")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1:9400")]
    [InlineData("")]
    public void Allows_OtherNames_Refused(string host) =>
        AdminHosts.LoopbackOnly.Allows(new HostString(host)).Should().BeFalse();

    [Fact]
    public void Allows_PublicNames_AnyCaseAnyPort()
    {
        var hosts = AdminHosts.Create(IPAddress.Any, ["Fathom.Example.com.", "2001:db8::5"]);

        hosts.Allows(new HostString("fathom.example.com:9400")).Should().BeTrue();
        hosts.Allows(new HostString("FATHOM.EXAMPLE.COM")).Should().BeTrue();
        hosts.Allows(new HostString("[2001:db8::5]:9400")).Should().BeTrue();
        hosts.Allows(new HostString("other.example.com")).Should().BeFalse();
        hosts.BoundAddressOnly.Should().BeFalse();
    }

    [Fact]
    public void Create_BoundBeyondLoopbackWithoutPublicName_AnswersItsBoundAddressOnly()
    {
        var hosts = AdminHosts.Create(IPAddress.Parse("192.168.1.5"), []);

        hosts.Allows(new HostString("192.168.1.5:9400")).Should().BeTrue();
        hosts.Allows(new HostString("fathom.example.com")).Should().BeFalse();
        hosts.BoundAddressOnly.Should().BeTrue();
        hosts.Describe().Should().Be("localhost, 127.0.0.1, [::1], 192.168.1.5");
    }

    [Theory]
    [InlineData("https://fathom.example.com")]
    [InlineData("fathom.example.com:9400")]
    [InlineData("")]
    public void Create_PublicNameNotAHostName_SaysWhy(string name)
    {
        var create = () => AdminHosts.Create(IPAddress.Loopback, [name]);

        create.Should().Throw<ArgumentException>().WithMessage($"--public-name '{name}' is not a host name or address*");
    }
}
