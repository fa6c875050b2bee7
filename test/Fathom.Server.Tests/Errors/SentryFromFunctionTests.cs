using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Fathom.Apps;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Packaging.Artifacts;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;
using Fathom.Server.Environments;
using Fathom.Server.Hosting;
using Fathom.Server.Up;
using Fathom.Telemetry.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Tests.Errors;

/// <summary>An unmodified <c>@sentry/node</c> inside a function, configured by nothing but the variables the platform
/// sets, reports through its sandbox's platform endpoint; the event is filed under the calling environment.</summary>
public sealed class SentryFromFunctionTests
{
    [Fact]
    public async Task SentryNode_InAFunctionWithNoConfiguration_ArrivesStampedWithTheFunctionAndVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory("fathom-sentry-fn");
        var data = directory.Combine(".fathom");
        var app = AppLoader.Load(AppDirectory(), AppLoadOptions.Default).Model!;
        using var store = await DeploymentStore.OpenAsync(data, "shop", "local", cancellationToken: ct);
        foreach (var function in app.Functions)
        {
            var built = await new FunctionBuilder(new ArtifactBuilder(), store, data, envVars: null).BuildAsync(function, ct);
            await store.SetAliasAsync(function.Name, built.Alias, built.Version, cancellationToken: ct);
        }

        await using var runtime = new FunctionRuntime(new RuntimeOptions { StateDirectory = Path.Combine(data, "runtime"), ShutdownGracePeriod = TimeSpan.FromSeconds(1) });
        var sink = new Sink();
        await using var server = new FathomServer(
            new ServerOptions { AppPort = 0, AdminPort = 0, DataDirectory = data },
            services =>
            {
                services.AddLogging(b => b.ClearProviders());
                services.AddSingleton<IFunctionInvoker>(new OnDemandInvoker(runtime, store, Path.Combine(data, "artifacts")));
                services.AddSingleton<IFunctionResolver>(new DeploymentResolver(store));
                services.AddSingleton<IFunctionCatalog>(new AppCatalog(store, () => ["capture"]));
                services.AddSingleton(new GatewayState([]));
                services.AddSingleton(runtime.PlatformEndpoint);
                services.AddSingleton<IErrorSink>(sink);
            });
        await server.StartAsync(ct);
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(server.AdminUrl, "/2015-03-31/functions/capture/invocations"), null, ct);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        response.StatusCode.Should().Be(HttpStatusCode.OK, answer.RootElement.GetRawText());
        var result = answer.RootElement;
        result.GetProperty("flushed").GetBoolean().Should().BeTrue("the platform endpoint answered the SDK");
        result.GetProperty("dsn").GetString().Should().MatchRegex("^http://[0-9a-f]{32}@127\\.0\\.0\\.1:[0-9]+/1$");
        (result.GetProperty("release").GetString(), result.GetProperty("environment").GetString()).Should().Be(("capture@1", "local"));
        var received = sink.Events.Should().ContainSingle().Subject;
        received.EventId.Should().Be(result.GetProperty("captured").GetString());
        (received.App, received.Environment, received.Function, received.Version).Should().Be(("shop", "local", "capture", "1"));
        (received.Origin, received.Kind, received.Type, received.Message).Should().Be((ErrorOrigins.Sdk, "Exception", "TypeError", "the basket is empty"));
        received.Frames.Should().Contain(new ErrorFrame("checkout", "index.js", 8, 11, true));
        received.Sdk.Should().StartWith("sentry.javascript.node/7.");
    }

    private static string AppDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fathom.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "testassets", "apps", "sentry");
    }

    private sealed class Sink : IErrorSink
    {
        public ConcurrentQueue<ErrorEvent> Events { get; } = new();

        public bool Offer(ErrorEvent errorEvent)
        {
            Events.Enqueue(errorEvent);
            return true;
        }
    }
}
