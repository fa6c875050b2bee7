using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Invoke;

/// <summary>The AWS SDK for JavaScript v3 (<c>@aws-sdk/client-lambda</c>, installed by ./test.sh into
/// testassets/sdk) against <c>fathom up</c>'s admin port.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class JavaScriptSdkTests(GatewayAppFixture app)
{
    [Fact]
    public async Task InvokeListAndUnknownFunction_BehaveAsOnLambda()
    {
        var sdk = Path.Combine(RepoPaths.TestAssets, "sdk");
        Directory.Exists(Path.Combine(sdk, "node_modules", "@aws-sdk", "client-lambda"))
            .Should().BeTrue("./test.sh installs the SDK with 'npm ci' in testassets/sdk");

        var result = await ExternalProcess.RunAsync("node", ["invoke.mjs", app.Up.AdminUrl.ToString().TrimEnd('/'), GatewayAppFixture.EchoHttp], sdk);

        result.ExitCode.Should().Be(0, result.ToString());
        var printed = JsonDocument.Parse(result.StandardOutput).RootElement;
        var invoke = printed.GetProperty("invoke");
        invoke.GetProperty("statusCode").GetInt32().Should().Be(200);
        invoke.GetProperty("functionError").ValueKind.Should().Be(JsonValueKind.Null);
        invoke.GetProperty("executedVersion").GetString().Should().MatchRegex("^[0-9]+$");
        var payload = JsonDocument.Parse(invoke.GetProperty("payload").GetString()!).RootElement;
        payload.GetProperty("event").GetProperty("from").GetString().Should().Be("sdk");
        var requestId = payload.GetProperty("requestId").GetString()!;
        invoke.GetProperty("log").GetString().Should().Contain($"START RequestId: {requestId}").And.Contain("REPORT RequestId");
        printed.GetProperty("functions").EnumerateArray().Select(f => f.GetString())
            .Should().Contain([GatewayAppFixture.EchoRest, GatewayAppFixture.EchoHttp, GatewayAppFixture.Failing]);
        var unknown = printed.GetProperty("unknown");
        unknown.GetProperty("error").GetString().Should().Be("ResourceNotFoundException");
        unknown.GetProperty("status").GetInt32().Should().Be(404);
    }
}
