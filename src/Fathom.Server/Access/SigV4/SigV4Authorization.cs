using System.Globalization;

namespace Fathom.Server.Access.SigV4;

/// <summary>What the client claims in its signature, from the <c>Authorization</c> header or a presigned URL's
/// <c>X-Amz-*</c> query parameters: the key and scope it signed with, the headers it signed and the signature.</summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    TimeSpan? Expires)
{
    /// <summary>A presigned URL's <c>X-Amz-Date</c> (a header-signed request carries its date in a header).</summary>
    public string? PresignedDate { get; init; }

    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";

    /// <summary>The most a presigned URL may live, as on AWS.</summary>
    public static readonly TimeSpan MaxExpires = TimeSpan.FromDays(7);

    /// <summary>True for a presigned URL: the signature is in the query, which it then leaves out of what it signs.</summary>
    public bool Presigned => Expires is not null;

    public string Scope => $"{ScopeDate}/{Region}/{Service}/{Terminator}";

    /// <summary>Reads <c>AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=HEX</c>.</summary>
    public static SigV4Authorization? FromHeader(string header, out SigV4Error? error)
    {
        error = null;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            error = SigV4Error.Incomplete($"Authorization header must start with '{Algorithm} '.");
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (part, "") : (part[..equals].Trim(), part[(equals + 1)..].Trim());
            switch (name)
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        return Build(credential, signedHeaders, signature, expires: null, "Authorization header", out error);
    }

    /// <summary>Reads a presigned URL's <c>X-Amz-Algorithm</c>, <c>X-Amz-Credential</c>, <c>X-Amz-SignedHeaders</c>,
    /// <c>X-Amz-Signature</c> and <c>X-Amz-Expires</c>.</summary>
    public static SigV4Authorization? FromQuery(Func<string, string?> query, out SigV4Error? error)
    {
        error = null;
        if (!string.Equals(query("X-Amz-Algorithm"), Algorithm, StringComparison.Ordinal))
        {
            error = SigV4Error.Incomplete($"X-Amz-Algorithm only supports '{Algorithm}'.");
            return null;
        }

        if (!int.TryParse(query("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || TimeSpan.FromSeconds(seconds) > MaxExpires)
        {
            error = SigV4Error.Incomplete($"X-Amz-Expires must be a whole number of seconds, at most {(int)MaxExpires.TotalSeconds}.");
            return null;
        }

        var parsed = Build(query("X-Amz-Credential"), query("X-Amz-SignedHeaders"), query("X-Amz-Signature"), TimeSpan.FromSeconds(seconds), "query", out error);
        return parsed is null ? null : parsed with { PresignedDate = query("X-Amz-Date") };
    }

    private static SigV4Authorization? Build(string? credential, string? signedHeaders, string? signature, TimeSpan? expires, string where, out SigV4Error? error)
    {
        error = null;
        var missing = new List<string>();
        if (string.IsNullOrEmpty(credential))
        {
            missing.Add("Credential");
        }

        if (string.IsNullOrEmpty(signedHeaders))
        {
            missing.Add("SignedHeaders");
        }

        if (string.IsNullOrEmpty(signature))
        {
            missing.Add("Signature");
        }

        if (missing.Count > 0)
        {
            error = SigV4Error.Incomplete(string.Join(' ', missing.Select(m => $"{where} requires '{m}' parameter.")));
            return null;
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[1].Length != 8 || scope[2].Length == 0 || scope[3].Length == 0
            || !string.Equals(scope[4], Terminator, StringComparison.Ordinal))
        {
            error = SigV4Error.Incomplete($"Credential should be of the form ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/{Terminator}, not '{credential}'.");
            return null;
        }

        var headers = signedHeaders!.Split(';');
        if (!headers.Contains("host", StringComparer.Ordinal))
        {
            error = SigV4Error.Invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
            return null;
        }

        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature!, expires);
    }
}
