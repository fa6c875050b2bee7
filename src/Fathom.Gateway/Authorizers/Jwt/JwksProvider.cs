using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>Each issuer's signing keys: from its discovery document (<c>{issuer}/.well-known/openid-configuration</c>,
/// then <c>jwks_uri</c>) or from a fathom.yaml override (a file or a URL). Keys are kept for <see cref="MaxAge"/> and
/// fetched again when a token names a key id the set lacks, at most once per <see cref="RefetchFloor"/>, so a flood of
/// forged key ids cannot turn into a flood of fetches. Keys that cannot be fetched give null: the caller refuses.</summary>
internal sealed partial class JwksProvider(TimeProvider time, ILogger<JwksProvider> logger) : IDisposable
{
    public static readonly TimeSpan RefetchFloor = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new() { Timeout = FetchTimeout };

    /// <summary>The issuer's keys, or null when they could not be fetched (and none were fetched before).</summary>
    /// <param name="issuer">The issuer the token claims (already checked against the authorizer's issuers).</param>
    /// <param name="location">An override from fathom.yaml: an absolute file path or an http(s) URL; null for discovery.</param>
    /// <param name="kid">The token's key id: a set without it is fetched again when the floor allows.</param>
    public async Task<JsonWebKeySet?> GetAsync(string issuer, string? location, string? kid, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(issuer + "\n" + location, _ => new Entry());
        if (Fresh(entry, kid))
        {
            return entry.Keys;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(entry, kid))
            {
                return entry.Keys;
            }

            var from = location ?? DiscoveryUrl(issuer);
            entry.Attempted = time.GetUtcNow();
            try
            {
                entry.Keys = await FetchAsync(issuer, location, cancellationToken);
                entry.Fetched = entry.Attempted;
                if (entry.Failing)
                {
                    LogKeysBack(logger, issuer, from);
                }

                entry.Failing = false;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or FormatException or JsonException or UnauthorizedAccessException
                or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // One line per outage, not one per request.
                if (!entry.Failing)
                {
                    LogKeysUnavailable(logger, issuer, from, e.Message);
                }

                entry.Failing = true;
            }

            return entry.Keys;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public void Dispose() => _http.Dispose();

    private bool Fresh(Entry entry, string? kid)
    {
        var now = time.GetUtcNow();
        var throttled = entry.Attempted is { } attempted && now - attempted < RefetchFloor;
        if (entry.Keys is null)
        {
            return throttled;
        }

        var young = entry.Fetched is { } fetched && now - fetched < MaxAge;
        return throttled || (young && (kid is null || entry.Keys.Find(kid) is not null));
    }

    private async Task<JsonWebKeySet> FetchAsync(string issuer, string? location, CancellationToken cancellationToken)
    {
        if (location is not null && !IsUrl(location))
        {
            return JsonWebKeySet.Parse(await File.ReadAllTextAsync(location, cancellationToken));
        }

        var jwksUri = location;
        if (jwksUri is null)
        {
            using var discovery = JsonDocument.Parse(await _http.GetStringAsync(DiscoveryUrl(issuer), cancellationToken));
            jwksUri = discovery.RootElement.ValueKind == JsonValueKind.Object
                && discovery.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new FormatException("the discovery document has no jwks_uri");
        }

        return JsonWebKeySet.Parse(await _http.GetStringAsync(jwksUri, cancellationToken));
    }

    private static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string DiscoveryUrl(string issuer) => issuer.TrimEnd('/') + "/.well-known/openid-configuration";

    [LoggerMessage(1, LogLevel.Warning, "JWT authorizer: the signing keys of issuer {Issuer} could not be fetched from {Location} ({Reason}); requests with its tokens are refused (401) until they can be. Set api.jwks in fathom.yaml to a local JWKS file or URL for an issuer this machine cannot reach.")]
    private static partial void LogKeysUnavailable(ILogger logger, string issuer, string location, string reason);

    [LoggerMessage(2, LogLevel.Warning, "JWT authorizer: the signing keys of issuer {Issuer} were fetched from {Location} again")]
    private static partial void LogKeysBack(ILogger logger, string issuer, string location);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public JsonWebKeySet? Keys { get; set; }

        public DateTimeOffset? Fetched { get; set; }

        public DateTimeOffset? Attempted { get; set; }

        public bool Failing { get; set; }
    }
}
