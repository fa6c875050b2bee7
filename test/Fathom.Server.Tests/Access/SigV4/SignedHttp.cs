using System.Globalization;
using System.Security.Cryptography;
using Fathom.Server.Access.SigV4;

namespace Fathom.Server.Tests.Access.SigV4;

/// <summary>Signs an <see cref="HttpRequestMessage"/> the way the SDKs do (host, x-amz-date, x-amz-content-sha256), for
/// the cases no CLI makes on purpose: a clock far off, a body past the limit.</summary>
internal static class SignedHttp
{
    public static HttpRequestMessage Create(HttpMethod method, Uri url, byte[] body, string keyId, string secret, DateTimeOffset signedAt)
    {
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var headers = new Dictionary<string, string> { ["host"] = url.Authority, ["x-amz-content-sha256"] = bodyHash, ["x-amz-date"] = amzDate };
        var header = $"AWS4-HMAC-SHA256 Credential={keyId}/{amzDate[..8]}/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0";
        var authorization = SigV4Authorization.FromHeader(header, out _)!;
        var signed = new SigV4Request(method.Method, url.AbsolutePath, url.Query.TrimStart('?'), name => headers.TryGetValue(name, out var v) ? [v] : [], bodyHash);
        var signature = SigV4Verifier.Sign(signed, authorization, secret, amzDate, bodyHash);

        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("Authorization", header[..^1] + signature);
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", bodyHash);
        return request;
    }
}
