using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fathom.Server.Access.SigV4;

/// <summary>Checks a SigV4 signature the way AWS does for a non-S3 service: rebuilds the canonical request from what
/// arrived, signs it with the key's secret and compares in constant time. Pure: the caller supplies the secret and
/// the time.</summary>
internal static class SigV4Verifier
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string ContentSha256Header = "x-amz-content-sha256";
    private const string IsoBasic = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>How far a request's date may be from the server's clock, as on AWS.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <returns>Null when the signature is good; otherwise why not.</returns>
    public static SigV4Error? Verify(SigV4Request request, SigV4Authorization authorization, string secret, string service, DateTimeOffset now)
    {
        if (!string.Equals(authorization.Service, service, StringComparison.Ordinal))
        {
            return SigV4Error.Invalid($"Credential should be scoped to correct service: '{service}'. ");
        }

        if (RequestDate(request, authorization) is not { } signed)
        {
            return SigV4Error.Incomplete(authorization.Presigned
                ? "X-Amz-Date must be a date such as 20150830T123600Z."
                : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        var (amzDate, date) = signed;
        if (!string.Equals(authorization.ScopeDate, amzDate[..8], StringComparison.Ordinal))
        {
            return SigV4Error.Invalid(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (Expired(authorization, date, now) is { } expired)
        {
            return expired;
        }

        if (PayloadHashes(request, authorization, out var payloadError) is not { } hashes)
        {
            return payloadError;
        }

        var given = Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant());
        foreach (var hash in hashes)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(request, authorization, secret, amzDate, hash));
            if (CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return null;
            }
        }

        return SigV4Error.SignatureMismatch;
    }

    /// <summary>The signature (lower-case hex) of <paramref name="request"/> for the scope and signed headers of
    /// <paramref name="authorization"/>.</summary>
    public static string Sign(SigV4Request request, SigV4Authorization authorization, string secret, string amzDate, string payloadHash)
    {
        var stringToSign = StringToSign(amzDate, authorization.Scope, CanonicalRequest(request, authorization, payloadHash));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), authorization.ScopeDate);
        key = Hmac(key, authorization.Region);
        key = Hmac(key, authorization.Service);
        key = Hmac(key, SigV4Authorization.Terminator);
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    public static string CanonicalRequest(SigV4Request request, SigV4Authorization authorization, string payloadHash)
    {
        var builder = new StringBuilder(512)
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(SigV4Canonical.Uri(request.WirePath)).Append('\n')
            .Append(SigV4Canonical.Query(request.RawQuery, authorization.Presigned ? "X-Amz-Signature" : null)).Append('\n');
        foreach (var name in authorization.SignedHeaders)
        {
            builder.Append(name).Append(':').Append(SigV4Canonical.HeaderValue(request.Headers(name))).Append('\n');
        }

        return builder.Append('\n')
            .Append(string.Join(';', authorization.SignedHeaders)).Append('\n')
            .Append(payloadHash)
            .ToString();
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{SigV4Authorization.Algorithm}\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>The date the client signed: <c>X-Amz-Date</c> (query for a presigned URL, else header), or the
    /// <c>Date</c> header; as the ISO 8601 basic text that goes in the string to sign.</summary>
    private static (string AmzDate, DateTimeOffset Date)? RequestDate(SigV4Request request, SigV4Authorization authorization)
    {
        var amzDate = authorization.Presigned ? authorization.PresignedDate : request.Header("x-amz-date");
        if (amzDate is not null)
        {
            return DateTimeOffset.TryParseExact(amzDate.Trim(), IsoBasic, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? (amzDate.Trim(), parsed)
                : null;
        }

        return !authorization.Presigned && request.Header("date") is { } http
            && DateTimeOffset.TryParseExact(http.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date.UtcDateTime.ToString(IsoBasic, CultureInfo.InvariantCulture), date)
            : null;
    }

    private static SigV4Error? Expired(SigV4Authorization authorization, DateTimeOffset date, DateTimeOffset now)
    {
        var earliest = now - MaxSkew;
        var latest = now + MaxSkew;
        if (date > latest)
        {
            return SigV4Error.Invalid($"Signature not yet current: {Iso(date)} is still later than {Iso(latest)} ({Iso(now)} + 15 min.)");
        }

        if (authorization.Expires is { } lifetime)
        {
            return date + lifetime < now
                ? SigV4Error.Invalid($"Signature expired: the presigned URL signed at {Iso(date)} for {(int)lifetime.TotalSeconds} seconds expired at {Iso(date + lifetime)}; it is now {Iso(now)}.")
                : null;
        }

        return date < earliest
            ? SigV4Error.Invalid($"Signature expired: {Iso(date)} is now earlier than {Iso(earliest)} ({Iso(now)} - 15 min.)")
            : null;
    }

    /// <summary>The payload hashes the client may have signed. A client that sends <c>x-amz-content-sha256</c> signs that
    /// value, so it must be the body's hash (else the body could be swapped under a good signature); a presigned URL
    /// signs <c>UNSIGNED-PAYLOAD</c> (botocore) or the body's hash (the JS SDK).</summary>
    private static string[]? PayloadHashes(SigV4Request request, SigV4Authorization authorization, out SigV4Error? error)
    {
        error = null;
        if (request.Header(ContentSha256Header) is { } claimed)
        {
            claimed = claimed.Trim();
            if (authorization.Presigned && string.Equals(claimed, UnsignedPayload, StringComparison.Ordinal))
            {
                return [claimed];
            }

            if (!string.Equals(claimed, request.BodySha256, StringComparison.OrdinalIgnoreCase))
            {
                error = SigV4Error.Invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
                return null;
            }

            return [claimed];
        }

        return authorization.Presigned ? [UnsignedPayload, request.BodySha256] : [request.BodySha256];
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString(IsoBasic, CultureInfo.InvariantCulture);
}
