using System.Security.Cryptography;
using System.Text;
using Fathom.Server.Access.SigV4;

namespace Fathom.Server.Tests.Access.SigV4;

/// <summary>The verifier against AWS's published SigV4 test suite (aws-c-auth's <c>aws-signing-test-suite/v4</c>: key
/// <c>AKIDEXAMPLE</c>, region us-east-1, service <c>service</c>, 2015-08-30T12:36:00Z) and the cases Lambda clients hit.</summary>
public sealed class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Credential = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private const string Date = "20150830T123600Z";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("get-vanilla", "GET", "/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("post-vanilla", "POST", "/", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("get-utf8", "GET", "/ሴ", "", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    [InlineData("get-vanilla-utf8-query", "GET", "/", "ሴ=bar", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")]
    [InlineData("get-space-normalized", "GET", "/example space/", "", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")]
    [InlineData("get-slashes-normalized", "GET", "//example//", "", "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84")]
    public void Verify_PublishedTestVector_Accepted(string vector, string method, string path, string query, string signature)
    {
        var request = Request(method, path, query, [("host", "example.amazonaws.com"), ("x-amz-date", Date)]);
        var authorization = Header($"SignedHeaders=host;x-amz-date, Signature={signature}");

        var error = SigV4Verifier.Verify(request, authorization, Secret, "service", SignedAt);

        error.Should().BeNull(vector);
    }

    [Fact]
    public void Verify_HeaderValueTrimVector_SpacesInsideAndAroundValuesCollapse()
    {
        var request = Request("GET", "/", "",
            [("host", "example.amazonaws.com"), ("my-header1", " value1"), ("my-header2", "\"a   b   c\""), ("x-amz-date", Date)]);
        var authorization = Header("SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");

        SigV4Verifier.CanonicalRequest(request, authorization, SigV4Request.EmptySha256).Should().Contain("my-header1:value1\nmy-header2:\"a b c\"\n");
        SigV4Verifier.Verify(request, authorization, Secret, "service", SignedAt).Should().BeNull();
    }

    [Fact]
    public void CanonicalUri_ArnSentWithEncodedColons_IsEncodedASecondTime()
    {
        var uri = SigV4Canonical.Uri("/aws/shop/prod/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello%3Alive/invocations");

        uri.Should().Be("/aws/shop/prod/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction%253Ahello%253Alive/invocations");
    }

    [Fact]
    public void Verify_SignedArnPath_AcceptedOnlyForThePathItWasSignedFor()
    {
        const string signedPath = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello/invocations";
        var headers = new[] { ("host", "127.0.0.1:9400"), ("x-amz-date", Date) };
        var unsigned = Header("SignedHeaders=host;x-amz-date, Signature=0");
        var signature = SigV4Verifier.Sign(Request("POST", signedPath, "", headers), unsigned, Secret, Date, SigV4Request.EmptySha256);
        var authorization = unsigned with { Signature = signature };

        SigV4Verifier.Verify(Request("POST", signedPath, "", headers), authorization, Secret, "service", SignedAt).Should().BeNull();
        SigV4Verifier.Verify(Request("POST", signedPath.Replace("hello", "other", StringComparison.Ordinal), "", headers), authorization, Secret, "service", SignedAt)
            .Should().Be(SigV4Error.SignatureMismatch);
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalidSignature()
    {
        var request = Request("GET", "/", "", [("host", "example.amazonaws.com"), ("x-amz-date", Date)]);
        var authorization = Header("SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        var error = SigV4Verifier.Verify(request, authorization, Secret + "x", "service", SignedAt);

        error!.Code.Should().Be("InvalidSignatureException");
        error.Message.Should().StartWith("The request signature we calculated does not match the signature you provided.");
    }

    [Fact]
    public void Verify_BodyDiffersFromSignedHash_IsRefused()
    {
        var body = Hex("{\"a\":1}");
        var headers = new[] { ("host", "example.amazonaws.com"), ("x-amz-date", Date), ("x-amz-content-sha256", body) };
        var unsigned = Header("SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0");
        var authorization = unsigned with { Signature = SigV4Verifier.Sign(Request("POST", "/", "", headers, body), unsigned, Secret, Date, body) };

        SigV4Verifier.Verify(Request("POST", "/", "", headers, body), authorization, Secret, "service", SignedAt).Should().BeNull();
        SigV4Verifier.Verify(Request("POST", "/", "", headers, Hex("{\"a\":2}")), authorization, Secret, "service", SignedAt)!
            .Message.Should().Be("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    [Theory]
    [InlineData(-16, "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")]
    [InlineData(16, "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)")]
    public void Verify_ClockSkewBeyond15Minutes_IsRefusedAsAwsWordsIt(int minutesLate, string message)
    {
        var request = Request("GET", "/", "", [("host", "example.amazonaws.com"), ("x-amz-date", Date)]);
        var authorization = Header("SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        var error = SigV4Verifier.Verify(request, authorization, Secret, "service", SignedAt.AddMinutes(-minutesLate));

        error.Should().Be(SigV4Error.Invalid(message));
        SigV4Verifier.Verify(request, authorization, Secret, "service", SignedAt.AddMinutes(Math.Sign(-minutesLate) * 14)).Should().BeNull();
    }

    [Fact]
    public void Verify_OtherService_IsRefusedNamingTheRightOne()
    {
        var request = Request("GET", "/", "", [("host", "example.amazonaws.com"), ("x-amz-date", Date)]);
        var authorization = Header("SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        SigV4Verifier.Verify(request, authorization, Secret, "lambda", SignedAt)!.Message.Should().Contain("'lambda'");
    }

    [Fact]
    public void Verify_DateHeaderInsteadOfXAmzDate_Accepted()
    {
        var headers = new[] { ("date", "Sun, 30 Aug 2015 12:36:00 GMT"), ("host", "example.amazonaws.com") };
        var unsigned = Header("SignedHeaders=date;host, Signature=0");
        var authorization = unsigned with { Signature = SigV4Verifier.Sign(Request("GET", "/", "", headers), unsigned, Secret, Date, SigV4Request.EmptySha256) };

        SigV4Verifier.Verify(Request("GET", "/", "", headers), authorization, Secret, "service", SignedAt).Should().BeNull();
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", "Authorization header requires 'Credential' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=x-amz-date, Signature=00",
        "'Host' must be a 'SignedHeader' in the AWS Authorization.")]
    public void FromHeader_Incomplete_SaysWhatIsMissing(string header, string message)
    {
        SigV4Authorization.FromHeader(header, out var error).Should().BeNull();

        error!.Message.Should().Be(message);
    }

    [Fact]
    public void Verify_PresignedUrl_AcceptedUntilItExpires()
    {
        // A presigned URL as botocore makes one: signature in the query, body unsigned.
        var query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host";
        var headers = new[] { ("host", "example.amazonaws.com") };
        var presigned = SigV4Authorization.FromQuery(Parameter(query + "&X-Amz-Signature=0"), out _)!;
        var signature = SigV4Verifier.Sign(Request("GET", "/", query, headers), presigned, Secret, Date, SigV4Verifier.UnsignedPayload);
        var signedQuery = query + "&X-Amz-Signature=" + signature;
        var authorization = SigV4Authorization.FromQuery(Parameter(signedQuery), out _)!;

        SigV4Verifier.Verify(Request("GET", "/", signedQuery, headers, Hex("anything")), authorization, Secret, "service", SignedAt.AddSeconds(59)).Should().BeNull();
        SigV4Verifier.Verify(Request("GET", "/", signedQuery, headers), authorization, Secret, "service", SignedAt.AddSeconds(61))!
            .Message.Should().StartWith("Signature expired: the presigned URL signed at 20150830T123600Z for 60 seconds expired at 20150830T123700Z");
    }

    private static SigV4Authorization Header(string rest) =>
        SigV4Authorization.FromHeader($"AWS4-HMAC-SHA256 Credential={Credential}, {rest}", out _)!;

    private static SigV4Request Request(string method, string path, string query, (string Name, string Value)[] headers, string? bodySha256 = null) =>
        new(method, path, query, name => headers.Where(h => h.Name == name).Select(h => (string?)h.Value), bodySha256 ?? SigV4Request.EmptySha256);

    private static Func<string, string?> Parameter(string query) => name => query.Split('&')
        .Select(p => p.Split('=', 2))
        .Where(p => p[0] == name)
        .Select(p => Uri.UnescapeDataString(p[1]))
        .FirstOrDefault();

    private static string Hex(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}
