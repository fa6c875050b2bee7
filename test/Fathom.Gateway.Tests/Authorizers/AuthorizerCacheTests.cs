using Fathom.Gateway.Authorizers;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Gateway.Tests.Authorizers;

public sealed class AuthorizerCacheTests
{
    private static readonly LambdaAuthorizerAnswer Answer = new("user", null, true, null);

    [Fact]
    public void Get_WithinTtl_ReturnsAnswerAndAfterTtl_Nothing()
    {
        var time = new FakeTimeProvider();
        var cache = new AuthorizerCache(time);
        cache.Set("k", Answer, ttlSeconds: 300);

        time.Advance(TimeSpan.FromSeconds(299));
        cache.Get("k").Should().BeSameAs(Answer);
        time.Advance(TimeSpan.FromSeconds(1));
        cache.Get("k").Should().BeNull();
    }

    [Fact]
    public void Set_PastCapacity_StaysBounded()
    {
        var cache = new AuthorizerCache(new FakeTimeProvider());
        for (var i = 0; i <= AuthorizerCache.Capacity; i++)
        {
            cache.Set("k" + i, Answer, 300);
        }

        cache.Get("k0").Should().BeNull("the cache was emptied rather than grown past its capacity");
        cache.Get("k" + AuthorizerCache.Capacity).Should().BeSameAs(Answer);
    }
}
