using System.Net;
using System.Text;
using System.Text.Json;
using Fathom.Gateway.Tests.Support;
using Fathom.Runtime.Invocations;

namespace Fathom.Gateway.Tests.Invoke;

public sealed class InvokeApiTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8);

    private static async Task<(string Type, JsonElement Body)> ErrorAsync(HttpResponseMessage response)
    {
        response.Headers.Contains("x-amzn-RequestId").Should().BeTrue();
        var body = await EventJson.BodyAsync(response);
        body.GetProperty("Type").GetString().Should().Be("User");
        body.GetProperty("message").GetString().Should().Be(body.GetProperty("Message").GetString());
        return (response.Headers.GetValues("x-amzn-ErrorType").Single(), body);
    }

    [Fact]
    public async Task Invoke_FunctionError_Is200WithUnhandledAndTheErrorJson()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Invoker.Returns("""{"errorType":"TypeError","errorMessage":"kaboom","trace":[]}""", InvocationOutcome.FunctionError);

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations", Json("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Amz-Function-Error").Single().Should().Be("Unhandled");
        response.Headers.GetValues("X-Amz-Executed-Version").Single().Should().Be("$LATEST");
        response.Headers.GetValues("x-amzn-RequestId").Single().Should().Be(host.Invoker.Requests.Single().RequestId);
        (await EventJson.BodyAsync(response)).GetProperty("errorMessage").GetString().Should().Be("kaboom");
    }

    [Fact]
    public async Task Invoke_PercentEncodedArnWithQualifierAndClientContext_ResolvesAndPassesContext()
    {
        await using var host = await GatewayHost.StartAsync();
        var clientContext = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"custom":{"k":"v"}}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/invocations?Qualifier=1")
        { Content = Json("""{"x":true}""") };
        request.Headers.Add("X-Amz-Client-Context", clientContext);

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var invocation = host.Invoker.Requests.Single();
        invocation.Version.Should().Be("1");
        invocation.Qualifier.Should().Be("1");
        invocation.ClientContext.Should().Be("""{"custom":{"k":"v"}}""");
        response.Headers.GetValues("X-Amz-Executed-Version").Single().Should().Be("1");
    }

    [Fact]
    public async Task Invoke_DryRun_Is204WithoutInvoking()
    {
        await using var host = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/hello:live/invocations") { Content = Json("{}") };
        request.Headers.Add("X-Amz-Invocation-Type", "DryRun");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Invoke_NonJsonPayload_Is400InvalidRequestContent()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations", Json("{not json"), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (type, body) = await ErrorAsync(response);
        type.Should().Be("InvalidRequestContentException");
        body.GetProperty("Message").GetString().Should().StartWith("Could not parse request body into json");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("7B2261223A22FF227D", "byte 0xFF at offset 6")]
    [InlineData("7B2261223A22C0AF227D", "byte 0xC0 at offset 6")]
    [InlineData("7B2261223A22EDA080227D", "byte 0xED at offset 6")]
    [InlineData("7B2261223A22E282", "byte 0xE2 at offset 6")]
    public async Task Invoke_InvalidUtf8InJsonPayload_Is400InvalidRequestContent(string hex, string where)
    {
        await using var host = await GatewayHost.StartAsync();
        var content = new ByteArrayContent(Convert.FromHexString(hex)) { Headers = { { "Content-Type", "application/json" } } };

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations", content, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (type, body) = await ErrorAsync(response);
        type.Should().Be("InvalidRequestContentException");
        body.GetProperty("Message").GetString().Should().Be($"Could not parse request body into json: the payload is not valid UTF-8 ({where})");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/2015-03-31/functions/hello/invocations?Qualifier=bad%20qualifier")]
    [InlineData("/2015-03-31/functions/hello:live/invocations?Qualifier=1")]
    [InlineData("/2015-03-31/functions/bad%20name/invocations")]
    public async Task Invoke_BadNameOrQualifier_Is400InvalidParameterValue(string path)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.PostAsync(path, Json("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Type.Should().Be("InvalidParameterValueException");
    }

    [Fact]
    public async Task Invoke_UnknownAlias_Is404WithQualifiedArn()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations?Qualifier=nope", Json("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (type, body) = await ErrorAsync(response);
        type.Should().Be("ResourceNotFoundException");
        body.GetProperty("Message").GetString().Should().Be("Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:nope");
    }

    [Fact]
    public async Task Invoke_SyncPayloadOver6MB_Is413()
    {
        await using var host = await GatewayHost.StartAsync();
        var payload = "\"" + new string('a', 6_291_456) + "\"";

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations", Json(payload), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var (type, body) = await ErrorAsync(response);
        type.Should().Be("RequestEntityTooLargeException");
        body.GetProperty("Message").GetString().Should().Be("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    [Fact]
    public async Task Invoke_AsyncPayloadOverTheConfiguredLimit_Is413()
    {
        await using var host = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/hello/invocations")
        { Content = Json("\"" + new string('a', 1000) + "\"") };
        request.Headers.Add("X-Amz-Invocation-Type", "Event");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ErrorAsync(response)).Body.GetProperty("Message").GetString()
            .Should().Be("1002 byte payload is too large for the Event invocation type (limit 1000 bytes)");
    }

    [Fact]
    public async Task Invoke_Throttled_Is429WithReasonAndRetryAfter()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Invoker.Respond = (r, _) => ValueTask.FromResult(TestInvoker.Result(r, "", InvocationOutcome.Throttled) with
        {
            ThrottleReason = "ReservedFunctionConcurrentInvocationLimitExceeded",
        });

        using var response = await host.Client.PostAsync("/2015-03-31/functions/hello/invocations", Json("{}"), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).Should().Be(429);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var (type, body) = await ErrorAsync(response);
        type.Should().Be("TooManyRequestsException");
        body.GetProperty("Reason").GetString().Should().Be("ReservedFunctionConcurrentInvocationLimitExceeded");
    }

    [Fact]
    public async Task Invoke_InvalidInvocationType_Is400()
    {
        await using var host = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/hello/invocations") { Content = Json("{}") };
        request.Headers.Add("X-Amz-Invocation-Type", "Sometime");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Type.Should().Be("InvalidParameterValueException");
    }

    [Theory]
    [InlineData("X-Amz-Log-Type", "Everything", "InvalidParameterValueException")]
    [InlineData("X-Amz-Client-Context", "not base64!", "InvalidRequestContentException")]
    [InlineData("X-Amz-Client-Context", "bm90IGpzb24=", "InvalidRequestContentException")]
    [InlineData("X-Amz-Client-Context", "eyJhIjoi/yJ9", "InvalidRequestContentException")]
    public async Task Invoke_BadHeader_Is400(string header, string value, string errorType)
    {
        await using var host = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/hello/invocations") { Content = Json("{}") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Type.Should().Be(errorType);
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ListFunctions_WithPagingAndAllVersions_PagesThroughEveryEntry()
    {
        await using var host = await GatewayHost.StartAsync();
        var names = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var url = "/2015-03-31/functions?FunctionVersion=ALL&MaxItems=2" + (marker is null ? "" : "&Marker=" + Uri.EscapeDataString(marker));
            using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await EventJson.BodyAsync(response);
            names.AddRange(body.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionArn").GetString()!));
            marker = body.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            pages++;
        }
        while (marker is not null);

        pages.Should().Be(3);
        names.Should().Equal(
            "arn:aws:lambda:us-east-1:000000000000:function:hello",
            "arn:aws:lambda:us-east-1:000000000000:function:hello:1",
            "arn:aws:lambda:us-east-1:000000000000:function:hello:2",
            "arn:aws:lambda:us-east-1:000000000000:function:orders",
            "arn:aws:lambda:us-east-1:000000000000:function:reports");
    }

    [Theory]
    [InlineData("/2015-03-31/functions?MaxItems=0")]
    [InlineData("/2015-03-31/functions/?Marker=garbage")]
    public async Task ListFunctions_BadPaging_Is400(string url)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Type.Should().Be("InvalidParameterValueException");
    }

    [Fact]
    public async Task GetFunctionConfiguration_WithAlias_ReturnsTheAliasedVersion()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync("/2015-03-31/functions/hello/configuration?Qualifier=live", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await EventJson.BodyAsync(response);
        body.GetProperty("Version").GetString().Should().Be("2");
        body.GetProperty("FunctionArn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:hello:live");
        body.GetProperty("State").GetString().Should().Be("Active");
        body.GetProperty("PackageType").GetString().Should().Be("Zip");
    }

    [Fact]
    public async Task GetFunction_Unknown_Is404()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync("/2015-03-31/functions/nope", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ErrorAsync(response)).Type.Should().Be("ResourceNotFoundException");
    }

    [Fact]
    public async Task UnimplementedOperation_IsAnAwsShapedErrorNamingTheOperation()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.DeleteAsync("/2015-03-31/functions/hello", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("NotImplementedException");
        response.Headers.Contains("x-amzn-RequestId").Should().BeTrue();
        (await ErrorAsync(response)).Body.GetProperty("message").GetString().Should().Be("Fathom does not implement the Lambda operation DeleteFunction yet");
    }

    [Theory]
    [InlineData("GET", "/2019-09-30/functions/hello/concurrency", "GetFunctionConcurrency")]
    [InlineData("GET", "/2021-10-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/url", "GetFunctionUrlConfig")]
    [InlineData("GET", "/2018-10-31/layers", "ListLayers")]
    [InlineData("GET", "/2018-10-31/layers?find=LayerVersion&Arn=x", "GetLayerVersionByArn")]
    [InlineData("GET", "/2019-09-30/functions/hello/provisioned-concurrency?List=ALL", "ListProvisionedConcurrencyConfigs")]
    [InlineData("POST", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello", "TagResource")]
    public async Task UnimplementedOperation_UnderAnyLambdaPrefix_IsNamed(string method, string path, string operation)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await ErrorAsync(response)).Body.GetProperty("message").GetString().Should().Contain($" {operation} ");
    }

    [Fact]
    public async Task PathThatIsNoLambdaOperation_Is404NamingThePath()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync("/2015-03-31/nothing/here", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("UnknownOperationException");
        (await ErrorAsync(response)).Body.GetProperty("message").GetString().Should().Be("No Lambda operation is GET /2015-03-31/nothing/here");
    }
}
