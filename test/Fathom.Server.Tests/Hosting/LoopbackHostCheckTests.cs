using Fathom.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Tests.Hosting;

public sealed class LoopbackHostCheckTests
{
    [Theory]
    [InlineData("127.0.0.1:9400")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:1")]
    [InlineData("[::1]:9400")]
    public void IsLoopbackHost_LoopbackNames_AreAllowed(string host) =>
        LoopbackHostCheck.IsLoopbackHost(new HostString(host)).Should().BeTrue();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:9400")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1:9400")]
    [InlineData("")]
    public void IsLoopbackHost_OtherNames_AreRefused(string host) =>
        LoopbackHostCheck.IsLoopbackHost(new HostString(host)).Should().BeFalse();

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.5")]
    [InlineData("::")]
    public void ParseHost_NotLoopback_IsRefusedWithTheReason(string host)
    {
        var parse = () => FathomServer.ParseHost(host);

        parse.Should().Throw<ServerStartException>().WithMessage($"--host {host} is not a loopback address*");
    }
}
