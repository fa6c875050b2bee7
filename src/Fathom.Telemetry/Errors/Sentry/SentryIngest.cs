using System.Globalization;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>
/// Takes one Sentry request, from the admin port or a sandbox's platform endpoint, and offers its events to the
/// <see cref="IErrorSink"/>. Checks the project and key, decodes and parses, and always answers as Sentry would:
/// every refusal is a 4xx with a reason, a full queue a 429 SDKs back off from, and nothing a client sends escapes
/// as an exception. Events from a sandbox are filed under the caller's app, environment, function and version.
/// </summary>
public sealed class SentryIngest
{
    private readonly SentryProjects _projects;
    private readonly TimeProvider _time;
    private readonly IErrorSink _sink;

    /// <param name="projects">The projects and their keys.</param>
    /// <param name="time">Stamps events that carry no timestamp.</param>
    /// <param name="sink">The error tracker.</param>
    public SentryIngest(SentryProjects projects, TimeProvider time, IErrorSink sink)
    {
        _projects = projects;
        _time = time;
        _sink = sink;
    }

    internal SentryProjects Projects => _projects;

    /// <summary>What was taken, dropped and refused.</summary>
    public SentryIngestStats Stats { get; } = new();

    internal SentryReply Handle(SentryIngestRequest request)
    {
        var reply = HandleCore(request);
        if (reply.Status >= 400 && reply.Status != 429)
        {
            Stats.CountRejected(reply.Status);
        }

        return reply;
    }

    private SentryReply HandleCore(SentryIngestRequest request)
    {
        try
        {
            var project = Project(request);
            // A key outside the body is checked before the body is decoded: a wrong key is a 403 whatever it sends.
            if (SentryAuth.KeyOrNull(request.AuthHeader, request.Query, envelopeDsn: null) is { } key)
            {
                CheckKey(project, key);
            }

            var body = SentryBody.Decode(request.Body, request.ContentEncoding);
            var identity = new SentryEventIdentity(project.App, project.Environment, request.Caller?.Function, request.Caller?.Version);
            return request.Envelope ? Envelope(request, project, body, identity, _sink) : Store(request, project, body, identity, _sink);
        }
        catch (SentryRejectedException e)
        {
            return SentryReply.Rejected(e.Status, e.Message);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // A shape the readers did not foresee is still the client's input: a 400, never a 500.
            return SentryReply.Rejected(400, "the event could not be read: " + e.Message);
        }
    }

    private SentryProject Project(SentryIngestRequest request)
    {
        if (!int.TryParse(request.ProjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new SentryRejectedException(404, $"'{request.ProjectId}' is not a project id");
        }

        var project = _projects.Find(id) ?? throw new SentryRejectedException(403, $"project {id} does not exist");
        if (request.Caller is { App: { } app, Environment: { } environment } && (project.App != app || project.Environment != environment))
        {
            // A sandbox may only report into its own app's project.
            throw new SentryRejectedException(403, $"project {id} is not this function's project");
        }

        return project;
    }

    private SentryReply Envelope(SentryIngestRequest request, SentryProject project, byte[] body, SentryEventIdentity identity, IErrorSink sink)
    {
        var envelope = SentryEnvelope.Parse(body);
        CheckKey(project, SentryAuth.Key(request.AuthHeader, request.Query, envelope.Dsn));
        var now = _time.GetUtcNow();
        var events = new List<ErrorEvent>();
        foreach (var item in envelope.Items)
        {
            if (item.Type == "event")
            {
                events.Add(SentryEventReader.Read(item.Payload, identity, now, envelope.EventId));
            }
            else
            {
                Stats.CountSkipped(item.Type);
            }
        }

        // Parsed whole before any is offered: a malformed item refuses the envelope, not half of it.
        foreach (var errorEvent in events)
        {
            if (!Offer(sink, errorEvent))
            {
                return SentryReply.RateLimited();
            }
        }

        return SentryReply.Accepted(SentryEventReader.NormalizeEventId(envelope.EventId) ?? events.FirstOrDefault()?.EventId);
    }

    private SentryReply Store(SentryIngestRequest request, SentryProject project, byte[] body, SentryEventIdentity identity, IErrorSink sink)
    {
        CheckKey(project, SentryAuth.Key(request.AuthHeader, request.Query, envelopeDsn: null));
        var errorEvent = SentryEventReader.Read(body, identity, _time.GetUtcNow());
        return Offer(sink, errorEvent) ? SentryReply.Accepted(errorEvent.EventId) : SentryReply.RateLimited();
    }

    private bool Offer(IErrorSink sink, ErrorEvent errorEvent)
    {
        if (!sink.Offer(errorEvent))
        {
            Stats.CountDropped();
            return false;
        }

        Stats.CountAccepted();
        return true;
    }

    private static void CheckKey(SentryProject project, string key)
    {
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(project.PublicKey)))
        {
            throw new SentryRejectedException(403, $"the key is not project {project.Id}'s");
        }
    }
}
