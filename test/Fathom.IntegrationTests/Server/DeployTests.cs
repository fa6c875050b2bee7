using System.Net;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Server;

/// <summary>`fathom deploy` against a real `fathom server`: environments on ports of their own, only changed functions
/// getting new versions and uploads, parameters kept per environment, and a broken deploy changing nothing.</summary>
public sealed partial class DeployTests(DeployServerFixture fixture) : IClassFixture<DeployServerFixture>
{
    [Fact]
    public async Task Deploy_ThreeFunctions_EachAnswersOnTheEnvironmentPort()
    {
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            var body = await DeployServerFixture.GetJsonAsync(fixture.ProdUrl, name);
            ((string?)body["fn"]).Should().Be(name);
            ((string?)body["version"]).Should().Be("1");
        }

        fixture.FirstDeploy.StandardError.Should().Contain("DeploymentPreference Canary10Percent5Minutes is deployed AllAtOnce");
    }

    [Fact]
    public async Task Deploy_OneFunctionChanged_OnlyItGetsANewVersionAndOnlyItsArtifactIsUploaded()
    {
        using var app = DeployServerFixture.CopyApp();
        var (_, first) = await fixture.Server.DeployAsync(app.Directory, "--app", "change", "--env", "prod");
        first.Should().NotBeNull();

        File.WriteAllText(app.PathOf("beta/index.js"), File.ReadAllText(app.PathOf("beta/index.js")).Replace("'v1'", "'v2'", StringComparison.Ordinal));
        var (result, second) = await fixture.Server.DeployAsync(app.Directory, "--app", "change", "--env", "prod");

        second.Should().NotBeNull(result.ToString());
        ((int)second!["uploaded"]!).Should().Be(1);
        var functions = second["functions"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => f!);
        ((string?)functions["Beta"]["status"]).Should().Be("updated");
        ((string?)functions["Beta"]["change"]).Should().Be("code");
        ((int)functions["Beta"]["version"]!).Should().Be(2);
        ((string?)functions["Alpha"]["status"]).Should().Be("unchanged");
        ((string?)functions["Gamma"]["status"]).Should().Be("unchanged");
        var body = await DeployServerFixture.GetJsonAsync(new Uri((string)second["url"]!), "beta");
        ((string?)body["code"]).Should().Be("v2");
    }

    [Fact]
    public async Task Deploy_SecondEnvironment_GetsAPortOfItsOwnAndItsFathomYamlParameters()
    {
        using var app = DeployServerFixture.CopyApp();
        var (result, staging) = await fixture.Server.DeployAsync(app.Directory, "--app", "shop", "--env", "staging");

        staging.Should().NotBeNull(result.ToString());
        ((bool)staging!["created"]!).Should().BeTrue();
        var url = new Uri((string)staging["url"]!);
        url.Port.Should().NotBe(fixture.ProdUrl.Port);
        var body = await DeployServerFixture.GetJsonAsync(url, "alpha");
        ((string?)body["greeting"]).Should().Be("hello-from-staging");
        var prod = await DeployServerFixture.GetJsonAsync(fixture.ProdUrl, "alpha");
        ((string?)prod["greeting"]).Should().Be("hello");
    }

    [Fact]
    public async Task Deploy_ParameterOverrides_AreReusedByTheNextDeployUntilReplaced()
    {
        using var app = DeployServerFixture.CopyApp();
        await fixture.Server.DeployAsync(app.Directory, "--app", "params", "--env", "prod", "--parameter-overrides", "Greeting=first");

        var (result, again) = await fixture.Server.DeployAsync(app.Directory, "--app", "params", "--env", "prod");

        again.Should().NotBeNull(result.ToString());
        ((string?)again!["parameterOverrides"]!["Greeting"]).Should().Be("first");
        again["functions"]!.AsArray().Select(f => (string?)f!["status"]).Should().AllBe("unchanged");
        var body = await DeployServerFixture.GetJsonAsync(new Uri((string)again["url"]!), "gamma");
        ((string?)body["greeting"]).Should().Be("first");
    }

    [Fact]
    public async Task Deploy_BrokenTemplate_ChangesNothingLiveAndSaysWhere()
    {
        using var app = DeployServerFixture.CopyApp();
        var (_, good) = await fixture.Server.DeployAsync(app.Directory, "--app", "broken", "--env", "prod");
        var url = new Uri((string)good!["url"]!);
        File.WriteAllText(app.PathOf("alpha/index.js"), "exports.handler = async () => ({ statusCode: 200, body: 'v2' });\n");
        File.WriteAllText(app.PathOf("template.yaml"), File.ReadAllText(app.PathOf("template.yaml"))
            .Replace("Handler: index.handler\n      Events:\n        Get:\n          Type: HttpApi\n          Properties: {Path: /alpha", "Handler: index.handler\n      MemorySize: lots\n      Events:\n        Get:\n          Type: HttpApi\n          Properties: {Path: /alpha", StringComparison.Ordinal));

        var (result, document) = await fixture.Server.DeployAsync(app.Directory, "--app", "broken", "--env", "prod");

        document.Should().BeNull();
        result.ExitCode.Should().Be(1);
        result.StandardError.Should().MatchRegex(@"template\.yaml:\d+:\d+: error: .*MemorySize");
        var body = await DeployServerFixture.GetJsonAsync(url, "alpha");
        ((string?)body["code"]).Should().Be("v1");
        var status = await fixture.Server.EnvironmentAsync("broken", "prod");
        status["functions"]!.AsArray().Select(f => (int?)f!["version"]).Should().OnlyContain(v => v == 1);
    }

    [Fact]
    public async Task Deploy_TemplateTheServerRejects_ChangesNothingLiveAndSaysWhere()
    {
        // The server validates again (it is the authority): a request the CLI did not check gets file:line:col errors.
        using var client = fixture.Server.CreateClient();
        using var response = await client.PostAsync("fathom/v1/apps/shop/environments/prod/deploy", JsonContent("""
            {"template": "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: nodejs20.x, Handler: index.handler, CodeUri: nowhere/}\n", "code": {}}
            """), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        problem["errors"]!.AsArray().Select(e => (string?)e).Should().Contain(e => e!.StartsWith("template.yaml:4:", StringComparison.Ordinal));
        var body = await DeployServerFixture.GetJsonAsync(fixture.ProdUrl, "alpha");
        ((string?)body["fn"]).Should().Be("alpha");
    }

    [Fact]
    public async Task AdminPort_HostHeaderNotServed_IsRefused()
    {
        using var client = fixture.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "fathom/v1/environments");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("DNS rebinding");
    }

    [Fact]
    public async Task AwsCli_EndpointUrlWithAppAndEnvironment_InvokesThatEnvironment()
    {
        var endpoint = new Uri(fixture.Server.AdminUrl, "aws/shop/prod");
        var output = Path.Combine(Path.GetTempPath(), "fathom-aws-out-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            // Needs the SigV4 scheme (access control, part 2): with only bearer tokens, a signed request is refused.
            var key = await fixture.Server.CreateAwsKeyAsync("aws-invoke", "invoke");
            var result = await AwsCli.RunAsync(endpoint, key, "lambda", "invoke", "--function-name", "Gamma", output);

            result.ExitCode.Should().Be(0, result.ToString());
            File.ReadAllText(output).Should().Contain("gamma");
            var unknown = await AwsCli.RunAsync(new Uri(fixture.Server.AdminUrl, "aws/shop/nowhere"), key, "lambda", "list-functions");
            unknown.ExitCode.Should().NotBe(0);
            unknown.StandardError.Should().Contain("no environment 'nowhere' of app 'shop'");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Logs_DeployedEnvironment_AreReadWithAppAndEnv()
    {
        await DeployServerFixture.GetJsonAsync(fixture.ProdUrl, "beta");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        CliResult logs;
        do
        {
            logs = await FathomCli.RunAsync(Path.GetTempPath(), ["logs", "Beta", "--app", "shop", "--env", "prod", .. fixture.Server.ServerArgs]);
        }
        while (!logs.StandardOutput.Contains("beta answering with hello", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        logs.StandardOutput.Should().Contain("beta answering with hello", logs.ToString());
        var other = await FathomCli.RunAsync(Path.GetTempPath(), ["logs", "Beta", "--app", "shop", "--env", "nowhere", .. fixture.Server.ServerArgs]);
        other.StandardOutput.Should().NotContain("beta answering");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
