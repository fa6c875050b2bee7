using System.Net;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary><c>fathom up</c> serving a function whose code throws while it loads.</summary>
public sealed class InitErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_HandlerThrowsAtImport_RequestGets502AndConsoleSaysWhyOnce()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.Examples, "hello"));
        var handler = app.PathOf(Path.Combine("hello", "app.mjs"));
        await File.WriteAllTextAsync(handler, "throw new Error('boom at import');\n" + await File.ReadAllTextAsync(handler, Ct), Ct);
        await using var up = await FathomUp.StartAsync(app.Directory, "--no-watch");
        using var client = up.AppClient();

        var first = await client.GetAsync(new Uri("/hello", UriKind.Relative), Ct);
        var second = await client.GetAsync(new Uri("/hello", UriKind.Relative), Ct);
        var third = await client.GetAsync(new Uri("/hello", UriKind.Relative), Ct);

        first.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        second.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        third.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var line = await up.WaitForOutputAsync("fails at init", TimeSpan.FromMinutes(1));
        line.Should().Contain("HelloWorldFunction (version 1) fails at init: Error: boom at import")
            .And.Contain("at hello/app.mjs:1:", "the line points at the source file, not the packaged copy");
        // The reason for a request is printed before its response is sent, and the third request's REPORT is printed
        // after the second's response arrived: once that REPORT is read, a line about the first two would be too.
        var thirdId = third.Headers.GetValues("x-amzn-RequestId").Single();
        await up.WaitForFunctionLineAsync("HelloWorldFunction", $"REPORT RequestId: {thirdId}");
        up.Lines.Count(l => l.Contains("fails at init", StringComparison.Ordinal)).Should().Be(1, "the reason is said once, not per request:\n" + up.Output);
    }
}
