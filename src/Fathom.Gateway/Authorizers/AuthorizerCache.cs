using System.Collections.Concurrent;

namespace Fathom.Gateway.Authorizers;

/// <summary>Lambda authorizers' answers, reused for the same authorizer and identity values until their TTL ends
/// (<c>ReauthorizeEvery</c> / <c>AuthorizerResultTtlInSeconds</c>). The answer is kept, not the decision: a cached
/// policy is judged again against each request's method ARN, as API Gateway does.</summary>
internal sealed class AuthorizerCache(TimeProvider time)
{
    /// <summary>Past this many entries the expired ones go, and if none had, all of them: memory stays bounded
    /// whatever tokens clients send.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (LambdaAuthorizerAnswer Answer, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public LambdaAuthorizerAnswer? Get(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() < entry.Expires)
        {
            return entry.Answer;
        }

        _entries.TryRemove(new KeyValuePair<string, (LambdaAuthorizerAnswer, DateTimeOffset)>(key, entry));
        return null;
    }

    public void Set(string key, LambdaAuthorizerAnswer answer, int ttlSeconds)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= Capacity)
        {
            foreach (var (k, v) in _entries)
            {
                if (v.Expires <= now)
                {
                    _entries.TryRemove(k, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (answer, now.AddSeconds(ttlSeconds));
    }
}
