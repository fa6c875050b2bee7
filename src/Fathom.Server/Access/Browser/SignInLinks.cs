using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Fathom.Server.Access.Browser;

/// <summary>One-time dashboard sign-in codes: random, valid for <see cref="Lifetime"/>, usable once, kept only in memory
/// and only as a hash, so neither a restart nor a memory dump hands out a usable code.</summary>
internal sealed class SignInLinks(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Who signs in with a code: the caller that asked for it.</summary>
    public sealed record Caller(string Name, string Role, string? App, string? Environment);

    private sealed record Pending(Caller Caller, DateTimeOffset Expires);

    /// <summary>A new code for <paramref name="caller"/> and when it stops working.</summary>
    public (string Code, DateTimeOffset Expires) Create(Caller caller)
    {
        var now = time.GetUtcNow();
        foreach (var (hash, pending) in _pending)
        {
            if (pending.Expires <= now)
            {
                _pending.TryRemove(hash, out _);
            }
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = now + Lifetime;
        _pending[Hash(code)] = new Pending(caller, expires);
        return (code, expires);
    }

    /// <summary>The caller the code was made for, once; null for an unknown, used or expired code.</summary>
    public Caller? Redeem(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100 || !_pending.TryRemove(Hash(code), out var pending))
        {
            return null;
        }

        return pending.Expires > time.GetUtcNow() ? pending.Caller : null;
    }

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
