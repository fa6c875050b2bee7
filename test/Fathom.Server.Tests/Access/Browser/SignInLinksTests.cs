using Fathom.Server.Access.Browser;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Server.Tests.Access.Browser;

public sealed class SignInLinksTests
{
    private static readonly SignInLinks.Caller Alice = new("alice", "read", "shop", null);

    [Fact]
    public void Redeem_FreshCode_GivesTheCallerOnce()
    {
        var links = new SignInLinks(new FakeTimeProvider());
        var (code, _) = links.Create(Alice);

        links.Redeem(code).Should().Be(Alice);
        links.Redeem(code).Should().BeNull();
    }

    [Fact]
    public void Redeem_After60Seconds_Refused()
    {
        var time = new FakeTimeProvider();
        var links = new SignInLinks(time);
        var (code, expires) = links.Create(Alice);

        time.Advance(TimeSpan.FromSeconds(60));

        expires.Should().Be(time.GetUtcNow());
        links.Redeem(code).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-code")]
    public void Redeem_UnknownCode_Refused(string? code) =>
        new SignInLinks(new FakeTimeProvider()).Redeem(code).Should().BeNull();

    [Fact]
    public void Create_TwoCodes_Differ()
    {
        var links = new SignInLinks(new FakeTimeProvider());

        links.Create(Alice).Code.Should().NotBe(links.Create(Alice).Code).And.HaveLength(43);
    }
}
