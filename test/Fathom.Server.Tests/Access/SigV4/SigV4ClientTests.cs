using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fathom.Server.Access;

namespace Fathom.Server.Tests.Access.SigV4;

/// <summary>The real aws CLI v2 and v1 and the JS SDK v3 signing requests to a real server: the right key works by name,
/// ARN and qualifier, through an <c>/aws/{app}/{env}</c> endpoint too; a wrong secret or an unknown key is refused with
/// the error code the client shows.</summary>
public sealed class SigV4ClientTests(SigV4ServerFixture server) : IClassFixture<SigV4ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:hello";
    private const string SignatureMismatch = "The request signature we calculated does not match the signature you provided.";
    private const string UnknownKey = "The security token included in the request is invalid.";

    public static TheoryData<string> Clis => [AwsClients.V2, AwsClients.V1];

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task AwsCli_RightKey_InvokesByNameArnAndQualifier(string cli)
    {
        var prefixed = new Uri(server.AdminUrl, "/aws/app/local");
        string[] payload = cli == AwsClients.V2 ? ["--cli-binary-format", "raw-in-base64-out", "--payload", "{\"from\":\"cli\"}"] : ["--payload", "{\"from\":\"cli\"}"];

        var results = await Task.WhenAll(
            Cli(cli, server.AdminUrl, ["lambda", "invoke", "--function-name", "hello", .. payload, "{home}/out.json"]),
            Cli(cli, server.AdminUrl, ["lambda", "invoke", "--function-name", Arn + ":live", "{home}/out.json"]),
            Cli(cli, server.AdminUrl, ["lambda", "invoke", "--function-name", "hello", "--qualifier", "1", "{home}/out.json"]),
            Cli(cli, prefixed, ["lambda", "invoke", "--function-name", Arn, "--qualifier", "live", .. payload, "{home}/out.json"]));

        foreach (var result in results)
        {
            result.ExitCode.Should().Be(0, result.ToString());
            JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("StatusCode").GetInt32().Should().Be(200);
        }

        results[0].Payload.Should().StartWith("\"hello from ");
        results[1].Payload.Should().Be("\"hello from 1\"");
        results[2].Payload.Should().Be("\"hello from 1\"");
        results[3].Payload.Should().Be("\"hello from 1\"");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task AwsCli_RightKey_ListsFunctionsAndReadsConfiguration(string cli)
    {
        var results = await Task.WhenAll(
            Cli(cli, server.AdminUrl, ["lambda", "list-functions"]),
            Cli(cli, new Uri(server.AdminUrl, "/aws/app/local"), ["lambda", "get-function-configuration", "--function-name", Arn, "--qualifier", "live"]));

        results[0].ExitCode.Should().Be(0, results[0].ToString());
        JsonDocument.Parse(results[0].StandardOutput).RootElement.GetProperty("Functions").EnumerateArray()
            .Select(f => f.GetProperty("FunctionName").GetString()).Should().Equal("hello");
        results[1].ExitCode.Should().Be(0, results[1].ToString());
        JsonDocument.Parse(results[1].StandardOutput).RootElement.GetProperty("Version").GetString().Should().Be("1");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task AwsCli_WrongSecretOrUnknownKey_ShowsTheErrorCode(string cli)
    {
        var results = await Task.WhenAll(
            AwsClients.CliAsync(cli, server.AdminUrl, SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret + "x", "lambda", "invoke", "--function-name", Arn + ":live", "{home}/out.json"),
            AwsClients.CliAsync(cli, server.AdminUrl, "AKIAUNKNOWNKEY000000", SigV4ServerFixture.Secret, "lambda", "list-functions"));

        results[0].ExitCode.Should().NotBe(0);
        results[0].StandardError.Should().MatchRegex(Shown("InvalidSignatureException", "Invoke", SignatureMismatch));
        results[0].Payload.Should().BeNull("nothing ran");
        results[1].ExitCode.Should().NotBe(0);
        results[1].StandardError.Should().MatchRegex(Shown("UnrecognizedClientException", "ListFunctions", UnknownKey));
    }

    [Fact]
    public async Task JavaScriptSdk_RightKeyWorks_WrongSecretAndUnknownKeyAreRefused()
    {
        Directory.Exists(Path.Combine(AwsClients.Sdk, "node_modules", "@aws-sdk", "client-lambda"))
            .Should().BeTrue("./test.sh installs the SDK with 'npm ci' in testassets/sdk");
        var results = await Task.WhenAll(
            AwsClients.SdkAsync(server.AdminUrl, SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, "hello:live", Arn, Arn + ":1"),
            AwsClients.SdkAsync(new Uri(server.AdminUrl, "/aws/app/local"), SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, Arn + ":live"),
            AwsClients.SdkAsync(server.AdminUrl, SigV4ServerFixture.KeyId, "wrong-secret", "hello"),
            AwsClients.SdkAsync(server.AdminUrl, "AKIAUNKNOWNKEY000000", SigV4ServerFixture.Secret, "hello"));

        var printed = results.Select(r =>
        {
            r.ExitCode.Should().Be(0, r.ToString());
            return JsonDocument.Parse(r.StandardOutput).RootElement;
        }).ToList();
        foreach (var right in printed.Take(2))
        {
            right.GetProperty("invocations").EnumerateArray().Should().AllSatisfy(i =>
            {
                i.GetProperty("statusCode").GetInt32().Should().Be(200, i.ToString());
                i.GetProperty("payload").GetString().Should().StartWith("\"hello from ");
            });
            right.GetProperty("list").GetProperty("functions")[0].GetString().Should().Be("hello");
            right.GetProperty("configuration").GetProperty("functionName").GetString().Should().Be("hello");
        }

        printed[0].GetProperty("invocations")[0].GetProperty("payload").GetString().Should().Be("\"hello from 1\"");
        foreach (var (wrong, code, message) in new[] { (printed[2], "InvalidSignatureException", SignatureMismatch), (printed[3], "UnrecognizedClientException", UnknownKey) })
        {
            foreach (var call in wrong.GetProperty("invocations").EnumerateArray().Append(wrong.GetProperty("list")).Append(wrong.GetProperty("configuration")))
            {
                call.GetProperty("error").GetString().Should().Be(code);
                call.GetProperty("status").GetInt32().Should().Be(403);
                call.GetProperty("message").GetString().Should().StartWith(message);
            }
        }
    }

    [Fact]
    public async Task Unsigned_IsMissingAuthenticationTokenAsOnLambda()
    {
        using var client = new HttpClient { BaseAddress = server.AdminUrl };

        using var response = await client.PostAsync("/2015-03-31/functions/hello/invocations", new StringContent("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("MissingAuthenticationTokenException");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
            .GetProperty("message").GetString().Should().Be("Missing Authentication Token");
    }

    [Fact]
    public async Task SignedRequest_CarriesTheKeysNameRoleAndMethodAsClaims()
    {
        using var client = new HttpClient();
        using var request = SignedHttp.Create(HttpMethod.Post, new Uri(server.AdminUrl, SigV4ServerFixture.WhoAmI), "{}"u8.ToArray(),
            SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, DateTimeOffset.UtcNow);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var claims = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        claims.GetProperty("name").GetString().Should().Be(SigV4ServerFixture.KeyName);
        claims.GetProperty(AccessClaims.Role).GetString().Should().Be("invoke");
        claims.GetProperty(AccessClaims.Method).GetString().Should().Be("sigv4");
        claims.GetProperty(AccessClaims.CredentialId).GetString().Should().Be(SigV4ServerFixture.KeyId);
        claims.TryGetProperty(AccessClaims.App, out _).Should().BeFalse("the key is for every app");
    }

    [Fact]
    public async Task SignedRequest_ClockOffOrBodyTooLarge_IsRefusedAsLambdaDoes()
    {
        using var client = new HttpClient();
        var invoke = new Uri(server.AdminUrl, "/2015-03-31/functions/hello/invocations");
        using var late = SignedHttp.Create(HttpMethod.Post, invoke, "{}"u8.ToArray(), SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, DateTimeOffset.UtcNow.AddMinutes(-20));
        using var large = SignedHttp.Create(HttpMethod.Post, invoke, new byte[6_291_457], SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, DateTimeOffset.UtcNow);

        using var lateResponse = await client.SendAsync(late, TestContext.Current.CancellationToken);
        using var largeResponse = await client.SendAsync(large, TestContext.Current.CancellationToken);

        lateResponse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        lateResponse.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("InvalidSignatureException");
        (await lateResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().MatchRegex(@"Signature expired: \d{8}T\d{6}Z is now earlier than");
        largeResponse.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        largeResponse.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("RequestEntityTooLargeException");
    }

    /// <summary>How the aws CLI prints an error. v2 counts both codes as retryable (a skewed clock, a key not yet
    /// propagated), so it adds "(reached max retries: 0)".</summary>
    private static string Shown(string code, string operation, string message) =>
        $@"An error occurred \({code}\) when calling the {operation} operation( \(reached max retries: \d+\))?: {Regex.Escape(message)}";

    private static Task<ClientResult> Cli(string cli, Uri endpoint, string[] args) =>
        AwsClients.CliAsync(cli, endpoint, SigV4ServerFixture.KeyId, SigV4ServerFixture.Secret, args);
}
