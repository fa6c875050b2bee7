using System.Net;
using System.Text;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.LambdaApi;

/// <summary>The Lambda management API (versions, aliases, reserved concurrency) through the real aws CLI v2 and the JS
/// SDK against <c>fathom up</c>, and what a change does to the traffic that follows.</summary>
public sealed class LambdaManagementTests(LambdaApiFixture app) : IClassFixture<LambdaApiFixture>
{
    private const string Versioned = LambdaApiFixture.Versioned;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpdateAlias_RoutingConfig_SendsItsWeightOfGatewayAndInvokeCallsToTheAdditionalVersion()
    {
        var updated = await AwsAsync("update-alias", "--function-name", Versioned, "--name", "live", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.1}");
        try
        {
            var alias = JsonDocument.Parse(updated.StandardOutput).RootElement;
            alias.GetProperty("FunctionVersion").GetString().Should().Be("1");
            alias.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty("2").GetDouble().Should().Be(0.1);

            using var client = app.Up.AppClient();
            var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                var seen = new List<string>();
                for (var i = 0; i < 250; i++)
                {
                    var body = JsonDocument.Parse(await client.GetStringAsync("/version", Ct)).RootElement;
                    seen.Add(body.GetProperty("version").GetString()!);
                }

                return seen;
            }));
            var all = versions.SelectMany(v => v).ToList();
            all.Should().HaveCount(1000).And.OnlyContain(v => v == "1" || v == "2");
            var share = all.Count(v => v == "2") / 10.0;
            TestContext.Current.TestOutputHelper?.WriteLine($"version 2 answered {share} % of 1,000 gateway calls");
            share.Should().BeInRange(6.5, 13.5, "the alias sends 10 % of calls to version 2");

            using var admin = app.Up.AdminClient();
            var executed = new List<string>();
            for (var i = 0; i < 100; i++)
            {
                using var response = await admin.PostAsync($"2015-03-31/functions/{Versioned}/invocations?Qualifier=live", new StringContent("{}"), Ct);
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                var version = response.Headers.GetValues("X-Amz-Executed-Version").Single();
                var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
                JsonDocument.Parse(payload.GetProperty("body").GetString()!).RootElement.GetProperty("version").GetString()
                    .Should().Be(version, "X-Amz-Executed-Version names the version that ran");
                executed.Add(version);
            }

            executed.Should().Contain("1").And.Contain("2", "the Invoke API picks by weight per call too");
        }
        finally
        {
            await AwsAsync("update-alias", "--function-name", Versioned, "--name", "live", "--function-version", "2",
                "--routing-config", "AdditionalVersionWeights={}");
        }
    }

    [Fact]
    public async Task Aliases_CreateGetListUpdateDelete_AsTheAwsCliCallsThem()
    {
        var created = Json(await AwsAsync("create-alias", "--function-name", Versioned, "--name", "canary", "--function-version", "1",
            "--description", "first cut"));
        created.GetProperty("AliasArn").GetString().Should().Be($"arn:aws:lambda:us-east-1:000000000000:function:{Versioned}:canary");
        created.GetProperty("Description").GetString().Should().Be("first cut");
        (await InvokeVersionAsync("canary")).Should().Be("1", "the new alias serves its version at once");

        var conflict = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "create-alias", "--function-name", Versioned, "--name", "canary", "--function-version", "2");
        Printed(conflict, "ResourceConflictException", "CreateAlias", $"Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:{Versioned}:canary");

        var read = Json(await AwsAsync("get-alias", "--function-name", Versioned, "--name", "canary"));
        var stale = read.GetProperty("RevisionId").GetString()!;
        var updated = Json(await AwsAsync("update-alias", "--function-name", Versioned, "--name", "canary", "--function-version", "2",
            "--revision-id", stale));
        updated.GetProperty("FunctionVersion").GetString().Should().Be("2");
        updated.GetProperty("Description").GetString().Should().Be("first cut", "an update without --description keeps it");
        (await InvokeVersionAsync("canary")).Should().Be("2");

        var refused = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "update-alias", "--function-name", Versioned, "--name", "canary",
            "--function-version", "1", "--revision-id", stale);
        Printed(refused, "PreconditionFailedException", "UpdateAlias", "The Revision Id provided does not match the latest Revision Id.");

        var listed = Json(await AwsAsync("list-aliases", "--function-name", Versioned));
        listed.GetProperty("Aliases").EnumerateArray().Select(a => a.GetProperty("Name").GetString()).Should().Contain(["canary", "live"]);

        (await AwsAsync("delete-alias", "--function-name", Versioned, "--name", "canary")).StandardOutput.Should().BeEmpty();
        var gone = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "get-alias", "--function-name", Versioned, "--name", "canary");
        Printed(gone, "ResourceNotFoundException", "GetAlias", $"Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:{Versioned}:canary");
    }

    [Fact]
    public async Task Versions_ListShowsLatestThenEachVersion_PublishAnswersTheNewest()
    {
        var listed = Json(await AwsAsync("list-versions-by-function", "--function-name", Versioned));
        listed.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()).Should().Equal("$LATEST", "1", "2");
        listed.GetProperty("Versions")[1].GetProperty("FunctionArn").GetString().Should().EndWith($":function:{Versioned}:1");

        var published = Json(await AwsAsync("publish-version", "--function-name", Versioned));
        published.GetProperty("Version").GetString().Should().Be("2", "every build publishes, so $LATEST is version 2 already");
        published.GetProperty("Handler").GetString().Should().Be("versioned.handler");
    }

    [Fact]
    public async Task FunctionConcurrency_PutThrottlesTheSecondConcurrentCall_DeleteLiftsIt()
    {
        var put = Json(await AwsAsync("put-function-concurrency", "--function-name", LambdaApiFixture.Slow, "--reserved-concurrent-executions", "1"));
        put.GetProperty("ReservedConcurrentExecutions").GetInt32().Should().Be(1);
        Json(await AwsAsync("get-function-concurrency", "--function-name", LambdaApiFixture.Slow))
            .GetProperty("ReservedConcurrentExecutions").GetInt32().Should().Be(1);

        var throttled = await TwoConcurrentSlowCallsAsync();
        throttled.Select(r => r.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        throttled.Single(r => r.Status == HttpStatusCode.TooManyRequests).ErrorType.Should().Be("TooManyRequestsException");

        (await AwsAsync("delete-function-concurrency", "--function-name", LambdaApiFixture.Slow)).StandardOutput.Should().BeEmpty();
        (await AwsAsync("get-function-concurrency", "--function-name", LambdaApiFixture.Slow)).StandardOutput
            .Should().NotContain("ReservedConcurrentExecutions", "the function is back to the template's (none)");
        (await TwoConcurrentSlowCallsAsync()).Select(r => r.Status).Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnimplementedOperation_TheAwsCliPrintsWhichOne()
    {
        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "get-function-url-config", "--function-name", Versioned);

        Printed(result, "NotImplementedException", "GetFunctionUrlConfig", "Fathom does not implement the Lambda operation GetFunctionUrlConfig yet");
    }

    [Fact]
    public async Task JavaScriptSdk_CreatesReadsAndDeletesAnAlias_AndNamesAnUnimplementedOperation()
    {
        var sdk = Path.Combine(RepoPaths.TestAssets, "sdk");
        Directory.Exists(Path.Combine(sdk, "node_modules", "@aws-sdk", "client-lambda"))
            .Should().BeTrue("./test.sh installs the SDK with 'npm ci' in testassets/sdk");

        var result = await ExternalProcess.RunAsync("node", ["management.mjs", app.Up.AdminUrl.ToString().TrimEnd('/'), Versioned], sdk);

        result.ExitCode.Should().Be(0, result.ToString());
        var printed = JsonDocument.Parse(result.StandardOutput).RootElement;
        printed.GetProperty("created").GetProperty("weights").GetProperty("2").GetDouble().Should().Be(0.25);
        printed.GetProperty("read").GetProperty("arn").GetString().Should().EndWith($":function:{Versioned}:sdk");
        printed.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal("$LATEST", "1", "2");
        var unimplemented = printed.GetProperty("unimplemented");
        unimplemented.GetProperty("error").GetString().Should().Be("NotImplementedException");
        unimplemented.GetProperty("status").GetInt32().Should().Be(501);
        unimplemented.GetProperty("message").GetString().Should().Be("Fathom does not implement the Lambda operation GetFunctionUrlConfig yet");
    }

    private async Task<CliResult> AwsAsync(params string[] args)
    {
        var result = await AwsCli.RunAsync(app.Up.AdminUrl, ["lambda", .. args]);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    // The CLI adds "(reached max retries: 0)" after the operation's name because AwsCli turns retries off.
    private static void Printed(CliResult result, string code, string operation, string message)
    {
        result.ExitCode.Should().Be(254, result.ToString());
        result.StandardError.Should().MatchRegex(
            $@"An error occurred \({code}\) when calling the {operation} operation( \(reached max retries: 0\))?: {System.Text.RegularExpressions.Regex.Escape(message)}");
    }

    private static JsonElement Json(CliResult result) => JsonDocument.Parse(result.StandardOutput).RootElement;

    private async Task<string> InvokeVersionAsync(string qualifier)
    {
        using var admin = app.Up.AdminClient();
        using var response = await admin.PostAsync($"2015-03-31/functions/{Versioned}/invocations?Qualifier={qualifier}", new StringContent("{}"), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return response.Headers.GetValues("X-Amz-Executed-Version").Single();
    }

    private async Task<(HttpStatusCode Status, string? ErrorType)[]> TwoConcurrentSlowCallsAsync()
    {
        using var admin = app.Up.AdminClient();
        return await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await admin.PostAsync($"2015-03-31/functions/{LambdaApiFixture.Slow}/invocations",
                new StringContent("""{"ms":1500}""", Encoding.UTF8), Ct);
            return (response.StatusCode, response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null);
        }));
    }
}
