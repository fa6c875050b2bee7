namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Finds the public key a request carries, in any of the places Sentry accepts: the <c>X-Sentry-Auth</c>
/// header (server SDKs), the <c>sentry_key</c> query parameter (JavaScript SDKs), or the envelope header's
/// <c>dsn</c>. Two places naming different keys is refused, as Relay does.</summary>
internal static class SentryAuth
{
    /// <exception cref="SentryRejectedException">No key (401) or keys that disagree (401).</exception>
    public static string Key(string? authHeader, string query, string? envelopeDsn) =>
        KeyOrNull(authHeader, query, envelopeDsn)
        ?? throw new SentryRejectedException(401, "missing authorization: no sentry_key in X-Sentry-Auth, the query or the envelope's dsn");

    /// <summary>The key, or null when none is given.</summary>
    /// <exception cref="SentryRejectedException">Keys that disagree (401).</exception>
    public static string? KeyOrNull(string? authHeader, string query, string? envelopeDsn)
    {
        string? found = null;
        foreach (var key in (string?[])[FromHeader(authHeader), FromQuery(query), FromDsn(envelopeDsn)])
        {
            if (key is null)
            {
                continue;
            }

            if (found is not null && found != key)
            {
                throw new SentryRejectedException(401, "the request names two different keys");
            }

            found = key;
        }

        return found;
    }

    /// <summary><c>Sentry sentry_version=7, sentry_client=..., sentry_key=KEY</c>.</summary>
    private static string? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("Sentry ", StringComparison.OrdinalIgnoreCase))
        {
            text = text["Sentry ".Length..];
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim() == "sentry_key")
            {
                return NonEmpty(part[(equals + 1)..].Trim());
            }
        }

        return null;
    }

    private static string? FromQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals] == "sentry_key")
            {
                return NonEmpty(Uri.UnescapeDataString(part[(equals + 1)..]));
            }
        }

        return null;
    }

    /// <summary><c>http://KEY[:SECRET]@host/42</c>.</summary>
    private static string? FromDsn(string? dsn) =>
        dsn is not null && Uri.TryCreate(dsn, UriKind.Absolute, out var uri) && uri.UserInfo is { Length: > 0 } user
            ? NonEmpty(Uri.UnescapeDataString(user.Split(':')[0]))
            : null;

    private static string? NonEmpty(string value) => value.Length > 0 ? value : null;
}
