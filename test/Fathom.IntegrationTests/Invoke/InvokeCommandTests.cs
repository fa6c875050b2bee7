using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Invoke;

/// <summary><c>fathom invoke</c> run as a process against a running <c>fathom up</c>.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class InvokeCommandTests(GatewayAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoke_FromTheAppDirectoryWithAnEventFile_PrintsTheResultAndLogTail()
    {
        // No --server: the command finds the server through ./.fathom/server.json. The event file lives outside the
        // app, so that writing it does not trigger a reload.
        var eventFile = Path.Combine(Path.GetTempPath(), $"fathom-event-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(eventFile, """{"marker":"cli-file"}""", Ct);

        CliResult result;
        try
        {
            result = await FathomCli.RunAsync(app.Up.AppDirectory, ["invoke", GatewayAppFixture.EchoHttp, "--event", eventFile]);
        }
        finally
        {
            File.Delete(eventFile);
        }

        result.ExitCode.Should().Be(0, result.ToString());
        var output = JsonDocument.Parse(result.StandardOutput).RootElement;
        output.GetProperty("event").GetProperty("marker").GetString().Should().Be("cli-file");
        result.StandardError.Should().Contain($"START RequestId: {output.GetProperty("requestId").GetString()}")
            .And.Contain("echo http cli-file");
    }

    [Fact]
    public async Task Invoke_FailingFunction_PrintsTypeMessageAndStackAndExits1()
    {
        var result = await FathomCli.RunAsync(app.Up.AppDirectory, ["invoke", GatewayAppFixture.Failing, "--server", app.Up.AdminUrl.ToString()]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardError.Should().Contain("TypeError: kaboom")
            .And.Contain("failing.js", "the stack trace is printed")
            .And.Contain("about to fail", "the log tail is printed");
        result.StandardError.Split('\n').Count(line => line.Trim() == "TypeError: kaboom")
            .Should().Be(1, "the error headline is printed once, not again as the first stack line");
    }

    [Fact]
    public async Task Invoke_Json_PrintsOneDocumentWithStatusVersionPayloadAndLog()
    {
        var version = (await app.Up.StatusAsync()).Versions(GatewayAppFixture.EchoHttp).Max().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await FathomCli.RunAsync(app.Up.AppDirectory,
            ["invoke", GatewayAppFixture.EchoHttp, "--event", "-", "--qualifier", version, "--json", "--server", app.Up.AdminUrl.ToString()],
            standardInput: """{"marker":"cli-json"}""");

        result.ExitCode.Should().Be(0, result.ToString());
        var document = JsonDocument.Parse(result.StandardOutput).RootElement;
        document.GetProperty("statusCode").GetInt32().Should().Be(200);
        document.GetProperty("executedVersion").GetString().Should().Be(version);
        document.GetProperty("functionError").ValueKind.Should().Be(JsonValueKind.Null);
        document.GetProperty("payload").GetProperty("event").GetProperty("marker").GetString().Should().Be("cli-json");
        document.GetProperty("log").GetString().Should().Contain("echo http cli-json");
    }

    [Fact]
    public async Task Invoke_Async_ReturnsAtOnceAndTheFunctionRuns()
    {
        var marker = $"cli-async-{Guid.NewGuid():N}";

        var result = await FathomCli.RunAsync(app.Up.AppDirectory,
            ["invoke", GatewayAppFixture.EchoHttp, "--event", "-", "--async", "--server", app.Up.AdminUrl.ToString()],
            standardInput: $$"""{"marker":"{{marker}}"}""");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardError.Should().Contain("202");
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.EchoHttp, "echo http " + marker);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Exits1WithResourceNotFound()
    {
        var result = await FathomCli.RunAsync(app.Up.AppDirectory, ["invoke", "NoSuchFunction", "--server", app.Up.AdminUrl.ToString()]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardError.Should().Contain("ResourceNotFoundException").And.Contain("NoSuchFunction");
    }
}
