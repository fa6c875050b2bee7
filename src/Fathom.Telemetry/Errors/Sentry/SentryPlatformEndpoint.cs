using System.Text;
using Fathom.Platform.Endpoint;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>
/// Serves the Sentry ingest on every sandbox's platform endpoint, so an SDK inside a function reaches it at
/// <c>127.0.0.1:9002</c> with the DSN the platform gives it, and tells each function that DSN: <c>SENTRY_DSN</c>,
/// <c>SENTRY_RELEASE</c> (<c>function@version</c>) and <c>SENTRY_ENVIRONMENT</c>, unless the function sets its own.
/// </summary>
internal static class SentryPlatformEndpoint
{
    /// <summary>Where functions reach the platform endpoint inside their sandbox.</summary>
    public const string SandboxAddress = "127.0.0.1:9002";

    public static void Map(PlatformEndpointRoutes routes, SentryIngest ingest)
    {
        routes.MapPrefix("POST", "/api/", (request, _) => ValueTask.FromResult(Handle(ingest, request)));
        routes.AddVariables((caller, address) => Variables(ingest.Projects, caller, address));
    }

    private static PlatformEndpointResponse Handle(SentryIngest ingest, PlatformEndpointRequest request)
    {
        // /api/{projectId}/envelope/ or /api/{projectId}/store/; the trailing slash is optional, as in Relay.
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        SentryReply reply;
        if (segments.Length != 3 || segments[2] is not ("envelope" or "store"))
        {
            reply = SentryReply.Rejected(404, "not a Sentry ingest path: POST /api/{projectId}/envelope/ or /api/{projectId}/store/");
        }
        else
        {
            reply = ingest.Handle(new SentryIngestRequest
            {
                ProjectId = segments[1],
                Envelope = segments[2] == "envelope",
                AuthHeader = request.Headers.GetValueOrDefault("X-Sentry-Auth"),
                Query = request.Query,
                ContentEncoding = request.Headers.GetValueOrDefault("Content-Encoding"),
                Body = request.Body,
                Caller = request.Caller,
            });
        }

        return new PlatformEndpointResponse { Status = reply.Status, Body = Encoding.UTF8.GetBytes(reply.Json), Headers = reply.Headers };
    }

    private static IEnumerable<KeyValuePair<string, string>> Variables(SentryProjects projects, SandboxCaller caller, string address)
    {
        if (caller.App is not { } app || caller.Environment is not { } environment)
        {
            return [];
        }

        SentryProject project;
        try
        {
            project = projects.GetOrCreate(app, environment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Telemetry fails open: a function starts without a DSN rather than not at all.
            return [];
        }

        return
        [
            new("SENTRY_DSN", project.Dsn(address)),
            new("SENTRY_RELEASE", $"{caller.Function}@{caller.Version}"),
            new("SENTRY_ENVIRONMENT", environment),
        ];
    }
}
