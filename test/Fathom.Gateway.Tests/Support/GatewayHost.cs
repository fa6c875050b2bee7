using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Runtime.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Gateway.Tests.Support;

/// <summary>The gateway and the Invoke API on real Kestrel at 127.0.0.1:0, with a test invoker behind them.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 12, 19, 3, 58, 390, TimeSpan.Zero);

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, TestInvoker invoker, FakeTimeProvider time)
    {
        _app = app;
        Invoker = invoker;
        Time = time;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public TestInvoker Invoker { get; }

    public FakeTimeProvider Time { get; }

    public GatewayState State => _app.Services.GetRequiredService<GatewayState>();

    public static async Task<GatewayHost> StartAsync(params GatewayRoute[] routes)
    {
        var invoker = new TestInvoker();
        var time = new FakeTimeProvider(Now);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IFunctionInvoker>(invoker);
        builder.Services.AddSingleton<IFunctionResolver>(TestFunctions.Default);
        builder.Services.AddSingleton<IFunctionCatalog>(TestFunctions.Default);
        builder.Services.AddSingleton(new GatewayState(routes));
        builder.Services.AddFathomGateway(o => o.MaxAsyncPayloadBytes = 1000);
        builder.Services.AddOpenAccess();
        var app = builder.Build();
        app.UseAuthorization();
        app.MapLambdaInvokeApi();
        app.MapFathomGateway();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new GatewayHost(app, invoker, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
