using System.Net;
using Fathom.Platform.Endpoint;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Errors.Sentry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

/// <summary>The telemetry feature composed as the server composes it (<c>AddFathomTelemetry</c>, <c>MapFathomTelemetry</c>)
/// on real Kestrel at 127.0.0.1:0, with a <see cref="RecordingErrorSink"/> in place of the error tracker unless told not to.</summary>
internal sealed class SentryHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _directory;

    private SentryHost(WebApplication app, TempDirectory? directory, RecordingErrorSink? sink, Uri url)
    {
        _app = app;
        _directory = directory;
        Sink = sink;
        Url = url;
    }

    public RecordingErrorSink? Sink { get; }

    public Uri Url { get; }

    public HttpClient Client { get; } = new();

    /// <summary>The sandboxes' platform endpoint, as the runtime would serve it.</summary>
    public PlatformEndpointRoutes PlatformRoutes => _app.Services.GetRequiredService<PlatformEndpointRoutes>();

    public SentryProjects Projects => _app.Services.GetRequiredService<SentryProjects>();

    public SentryProject Project => Projects.GetOrCreate("shop", "local");

    /// <summary>The DSN an SDK outside the platform would be given.</summary>
    public string Dsn => Project.Dsn($"127.0.0.1:{Url.Port}");

    /// <param name="dataDirectory">A data directory the caller keeps (to restart on it); null: a temp one of its own.</param>
    public static async Task<SentryHost> StartAsync(string? dataDirectory = null)
    {
        var directory = dataDirectory is null ? new TempDirectory("fathom-sentry") : null;
        var data = dataDirectory ?? directory!.Path;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddFathomTelemetry(o => o.DataDirectory = data);
        builder.Services.AddSingleton(new PlatformEndpointRoutes());
        // In place of the error tracker, so tests see exactly what the ingest produced.
        var sink = new RecordingErrorSink();
        builder.Services.AddSingleton<IErrorSink>(sink);

        builder.Services.AddOpenAccess();
        var app = builder.Build();
        app.UseAuthorization();
        app.MapFathomTelemetry();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SentryHost(app, directory, sink, new Uri(address));
    }

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? auth = null, string? encoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, path)) { Content = new ByteArrayContent(body) };
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Sentry-Auth", auth);
        }

        if (encoding is not null)
        {
            request.Content.Headers.ContentEncoding.Add(encoding);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public string Auth => $"Sentry sentry_version=7, sentry_client=test/1.0, sentry_key={Project.PublicKey}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _directory?.Dispose();
    }
}
