using Fathom.Platform.Access;
using System.Globalization;
using Fathom.Platform.Endpoint;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>The Sentry ingest routes: <c>POST /api/{projectId}/envelope/</c> and <c>/store/</c> on the admin port (no token:
/// the DSN key is their way in, checked by <see cref="SentryIngest"/> before anything is read) and,
/// stamped with the caller, on every sandbox's platform endpoint; and <c>GET /fathom/v1/errors/dsn</c>.</summary>
internal static class SentryEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/{projectId}/envelope/", (string projectId, HttpContext context, SentryIngest ingest) =>
            IngestAsync(projectId, envelope: true, context, ingest)).AllowAnonymous();
        endpoints.MapPost("/api/{projectId}/store/", (string projectId, HttpContext context, SentryIngest ingest) =>
            IngestAsync(projectId, envelope: false, context, ingest)).AllowAnonymous();
        endpoints.MapGet("/fathom/v1/errors/dsn", Dsn).RequireAuthorization(AccessPolicies.Read);
        if (endpoints.ServiceProvider.GetService<PlatformEndpointRoutes>() is { } platform)
        {
            SentryPlatformEndpoint.Map(platform, endpoints.ServiceProvider.GetRequiredService<SentryIngest>());
        }
    }

    private static async Task IngestAsync(string projectId, bool envelope, HttpContext context, SentryIngest ingest)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var reply = body is null
            ? SentryReply.Rejected(413, $"request body is larger than {SentryLimits.MaxBodyBytes} bytes")
            : ingest.Handle(new SentryIngestRequest
            {
                ProjectId = projectId,
                Envelope = envelope,
                AuthHeader = context.Request.Headers["X-Sentry-Auth"].ToString(),
                Query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "",
                ContentEncoding = context.Request.Headers.ContentEncoding.ToString(),
                Body = body,
            });
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Json, context.RequestAborted);
    }

    /// <summary>The body, or null when it is larger than Sentry's limit (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SentryLimits.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SentryLimits.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The DSNs of each project: for SDKs outside (the admin port) and the one functions get.</summary>
    private static IResult Dsn(HttpContext context, SentryProjects projects, SentryIngest ingest, string? app = null, string? env = null)
    {
        if (app is not null && env is not null)
        {
            projects.GetOrCreate(app, env);
        }

        var admin = context.Request.Host.HasValue ? context.Request.Host.Value! : "127.0.0.1";
        var list = projects.All
            .Where(p => (app is null || p.App == app) && (env is null || p.Environment == env))
            .Select(p => new
            {
                projectId = p.Id,
                app = p.App,
                environment = p.Environment,
                publicKey = p.PublicKey,
                dsn = p.Dsn(admin),
                functionDsn = p.Dsn(SentryPlatformEndpoint.SandboxAddress),
            })
            .ToList();
        return Results.Json(new
        {
            projects = list,
            ingest = new
            {
                accepted = ingest.Stats.Accepted,
                dropped = ingest.Stats.Dropped,
                skippedItems = ingest.Stats.SkippedItems,
                rejected = ingest.Stats.Rejected.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value),
            },
        });
    }
}
