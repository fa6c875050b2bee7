using System.Net;
using System.Text;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Invoke;

/// <summary>Invoke API behaviours that cross into the runtime, through <c>fathom up</c> with real node handlers, its
/// real deployment store and the real aws CLI: what the gateway tests can only check against a scripted invoker.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class InvokeApiEndToEndTests(GatewayAppFixture app) : IDisposable
{
    private readonly string _outFile = Path.Combine(Path.GetTempPath(), $"fathom-aws-out-{Guid.NewGuid():N}.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoke_ClientContextFromTheAwsCli_ReachesTheHandlersContext()
    {
        var clientContext = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"custom":{"tenant":"blue"},"env":{"platform":"linux"}}"""));

        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", GatewayAppFixture.EchoHttp,
            "--client-context", clientContext, "--cli-binary-format", "raw-in-base64-out", "--payload", """{"marker":"aws-context"}""", _outFile);

        result.ExitCode.Should().Be(0, result.ToString());
        var seen = JsonDocument.Parse(await File.ReadAllTextAsync(_outFile, Ct)).RootElement.GetProperty("clientContext");
        seen.GetProperty("custom").GetProperty("tenant").GetString().Should().Be("blue", "the handler's context.clientContext holds what the caller sent");
        seen.GetProperty("env").GetProperty("platform").GetString().Should().Be("linux");
    }

    [Fact]
    public async Task Invoke_DryRun_Answers204AndTheFunctionDoesNotRun()
    {
        var dry = $"aws-dry-{Guid.NewGuid():N}";
        var after = $"after-dry-{Guid.NewGuid():N}";

        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", GatewayAppFixture.EchoHttp,
            "--invocation-type", "DryRun", "--cli-binary-format", "raw-in-base64-out", "--payload", $$"""{"marker":"{{dry}}"}""", _outFile);
        using var client = app.Up.AdminClient();
        using var next = await client.PostAsync($"2015-03-31/functions/{GatewayAppFixture.EchoHttp}/invocations",
            new StringContent($$"""{"marker":"{{after}}"}"""), Ct);
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.EchoHttp, "echo http " + after);

        result.ExitCode.Should().Be(0, result.ToString());
        JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("StatusCode").GetInt32().Should().Be(204);
        next.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Up.Output.Should().NotContain(dry, "a dry run checks the call and runs nothing; the call after it has already printed");
    }

    [Fact]
    public async Task ListFunctions_AllVersionsInPages_ListsEveryVersionOnce()
    {
        var status = await app.Up.StatusAsync();
        var expected = status.FunctionNames
            .SelectMany(name => new[] { (name, "$LATEST") }.Concat(status.Versions(name).Select(v => (name, v.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        using var client = app.Up.AdminClient();
        var paged = new List<(string, string)>();
        var pages = 0;
        string? marker = null;
        do
        {
            var body = JsonDocument.Parse(await client.GetStringAsync(
                "2015-03-31/functions/?FunctionVersion=ALL&MaxItems=5" + (marker is null ? "" : "&Marker=" + Uri.EscapeDataString(marker)), Ct)).RootElement;
            paged.AddRange(Entries(body));
            marker = body.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            pages++;
        }
        while (marker is not null && pages < 100);

        // The aws CLI walks the same pages itself (MaxItems=2 per request) and prints them merged.
        var cli = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "list-functions", "--function-version", "ALL", "--page-size", "2");

        expected.Should().HaveCountGreaterThan(10, "six functions, each as $LATEST and version 1");
        paged.Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
        pages.Should().Be((expected.Count + 4) / 5);
        cli.ExitCode.Should().Be(0, cli.ToString());
        Entries(JsonDocument.Parse(cli.StandardOutput).RootElement).Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Invoke_PastReservedConcurrency_Is429TooManyRequestsWhileTheFirstCallRuns()
    {
        var marker = $"hold-{Guid.NewGuid():N}";
        using var client = app.Up.AdminClient();
        var path = $"2015-03-31/functions/{GatewayAppFixture.Throttled}/invocations";

        var holding = client.PostAsync(path, new StringContent($$"""{"marker":"{{marker}}","ms":1500}"""), Ct);
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.Throttled, "holding " + marker);
        using var throttled = await client.PostAsync(path, new StringContent("""{"marker":"second"}"""), Ct);
        using var held = await holding;

        ((int)throttled.StatusCode).Should().Be(429, await throttled.Content.ReadAsStringAsync(Ct));
        throttled.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("TooManyRequestsException");
        throttled.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var error = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync(Ct)).RootElement;
        error.GetProperty("Reason").GetString().Should().Be("ReservedFunctionConcurrentInvocationLimitExceeded");
        held.StatusCode.Should().Be(HttpStatusCode.OK);
        (await held.Content.ReadAsStringAsync(Ct)).Should().Contain(marker, "the call holding the one allowed execution finished normally");
        app.Up.Output.Should().NotContain("holding second", "the throttled call never reached the function");
    }

    public void Dispose() => File.Delete(_outFile);

    private static IEnumerable<(string Name, string Version)> Entries(JsonElement listing) =>
        listing.GetProperty("Functions").EnumerateArray()
            .Select(f => (f.GetProperty("FunctionName").GetString()!, f.GetProperty("Version").GetString()!));
}
