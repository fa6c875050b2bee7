using System.Globalization;
using System.Text.Json;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Turns one Sentry event payload (an envelope's <c>event</c> item or a <c>/store/</c> body) into an
/// <see cref="ErrorEvent"/>: the exception that was raised (the last of a chain) with its frames, or the message.
/// Lenient about what SDKs differ on (timestamps as numbers or RFC 3339, tags as an object or pairs, dashed ids);
/// strict only about the payload being a JSON object.</summary>
internal static class SentryEventReader
{
    /// <summary>What an event is filed under when neither the caller nor the event names a function or version.</summary>
    public const string Unknown = "-";

    /// <exception cref="SentryRejectedException">The payload is not a JSON object (400) or too large (413).</exception>
    /// <param name="payload">The event's JSON.</param>
    /// <param name="identity">Who sent it, as the platform knows it.</param>
    /// <param name="now">The time for an event without a timestamp.</param>
    /// <param name="envelopeEventId">The envelope header's <c>event_id</c>, for an event item that has none of its own.</param>
    public static ErrorEvent Read(ReadOnlyMemory<byte> payload, SentryEventIdentity identity, DateTimeOffset now, string? envelopeEventId = null)
    {
        if (payload.Length > SentryLimits.MaxEventBytes)
        {
            throw SentryRejectedException.TooLarge($"event is larger than {SentryLimits.MaxEventBytes} bytes");
        }

        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Read(document.RootElement, identity, now, envelopeEventId)
                : throw SentryRejectedException.BadRequest("event is not a JSON object");
        }
        catch (JsonException)
        {
            throw SentryRejectedException.BadRequest("event is not valid JSON");
        }
    }

    public static ErrorEvent Read(JsonElement root, SentryEventIdentity identity, DateTimeOffset now, string? envelopeEventId = null)
    {
        var tags = Tags(root);
        var (releaseFunction, releaseVersion) = Release(String(root, "release"));
        var exception = LastException(root);
        var message = Message(root);
        if (String(root, "environment") is { } claimed && claimed != identity.Environment)
        {
            tags.TryAdd("sentry.environment", claimed);
        }

        Request(root, tags, out var payload);
        return new ErrorEvent
        {
            EventId = NormalizeEventId(String(root, "event_id")) ?? NormalizeEventId(envelopeEventId) ?? Guid.NewGuid().ToString("N"),
            Time = Timestamp(root) ?? now,
            App = identity.App,
            Environment = identity.Environment,
            Function = identity.Function ?? releaseFunction ?? tags.GetValueOrDefault("function") ?? Unknown,
            Version = identity.Version ?? releaseVersion ?? tags.GetValueOrDefault("version") ?? Unknown,
            RequestId = RequestId(root, tags),
            Origin = ErrorOrigins.Sdk,
            Kind = exception is null ? "Message" : "Exception",
            Type = exception is { } e ? String(e, "type") ?? String(e, "module") ?? "Error" : "Message",
            Message = Cap(exception is { } ex ? String(ex, "value") ?? message ?? "" : message ?? "", SentryLimits.MaxMessageChars),
            Frames = SentryFrames.Read(exception is { } thrown && thrown.TryGetProperty("stacktrace", out var trace) ? trace
                : root.TryGetProperty("stacktrace", out var top) ? top : default),
            Fingerprint = Fingerprint(root),
            Level = String(root, "level") is { Length: > 0 } level ? level.ToLowerInvariant() : "error",
            Payload = payload,
            Sdk = Sdk(root),
            Tags = tags,
        };
    }

    /// <summary>The exception actually raised: Sentry lists a chain oldest first.</summary>
    private static JsonElement? LastException(JsonElement root)
    {
        if (!root.TryGetProperty("exception", out var exception))
        {
            return null;
        }

        var values = exception.ValueKind == JsonValueKind.Object && exception.TryGetProperty("values", out var v) ? v : exception;
        if (values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        JsonElement? last = null;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                last = value;
            }
        }

        return last;
    }

    private static string? Message(JsonElement root)
    {
        foreach (var name in (string[])["logentry", "message"])
        {
            if (!root.TryGetProperty(name, out var message))
            {
                continue;
            }

            if (message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }

            if (message.ValueKind == JsonValueKind.Object && (String(message, "formatted") ?? String(message, "message")) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary><c>&lt;function&gt;@&lt;version&gt;</c>, as the platform sets <c>SENTRY_RELEASE</c>; a release without
    /// <c>@</c> names neither.</summary>
    private static (string? Function, string? Version) Release(string? release)
    {
        var at = release?.LastIndexOf('@') ?? -1;
        return at > 0 && at < release!.Length - 1 ? (release[..at], release[(at + 1)..]) : (null, null);
    }

    /// <summary>32 lowercase hex digits (SDKs may send a dashed or upper-case UUID), or null when it is not one.</summary>
    public static string? NormalizeEventId(string? id)
    {
        var normalized = id?.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return normalized is { Length: 32 } && normalized.All(char.IsAsciiHexDigit) ? normalized : null;
    }

    private static DateTimeOffset? Timestamp(JsonElement root)
    {
        if (!root.TryGetProperty("timestamp", out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        // RFC 3339; SDKs sometimes leave the zone out, which Sentry reads as UTC.
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    private static Dictionary<string, string> Tags(JsonElement root)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("tags", out var element))
        {
            return tags;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Scalar(property.Value) is { } value)
                {
                    tags[property.Name] = value;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in element.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2 && pair[0].ValueKind == JsonValueKind.String
                    && Scalar(pair[1]) is { } value)
                {
                    tags[pair[0].GetString()!] = value;
                }
            }
        }

        return tags;
    }

    /// <summary>The request an SDK saw (an HTTP handler's): its method and URL become tags, its body the payload.</summary>
    private static void Request(JsonElement root, Dictionary<string, string> tags, out string? payload)
    {
        payload = null;
        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (String(request, "method") is { } method)
        {
            tags.TryAdd("http.method", method);
        }

        if (String(request, "url") is { } url)
        {
            tags.TryAdd("url", url);
        }

        if (request.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            payload = Cap(data.ValueKind == JsonValueKind.String ? data.GetString()! : data.GetRawText(), SentryLimits.MaxPayloadChars);
        }
    }

    /// <summary>The Lambda request id, where an SDK's AWS integration recorded it.</summary>
    private static string? RequestId(JsonElement root, Dictionary<string, string> tags)
    {
        if (root.TryGetProperty("contexts", out var contexts) && contexts.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in (string[])["aws.lambda", "aws_lambda", "lambda"])
            {
                if (contexts.TryGetProperty(name, out var lambda) && lambda.ValueKind == JsonValueKind.Object
                    && (String(lambda, "aws_request_id") ?? String(lambda, "request_id")) is { } id)
                {
                    return id;
                }
            }
        }

        return tags.GetValueOrDefault("aws_request_id") ?? tags.GetValueOrDefault("request_id");
    }

    private static IReadOnlyList<string>? Fingerprint(JsonElement root)
    {
        if (!root.TryGetProperty("fingerprint", out var element) || element.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var parts = element.EnumerateArray().Select(Scalar).OfType<string>().ToList();
        return parts.Count > 0 ? parts : null;
    }

    private static string? Sdk(JsonElement root) =>
        root.TryGetProperty("sdk", out var sdk) && sdk.ValueKind == JsonValueKind.Object && String(sdk, "name") is { } name
            ? String(sdk, "version") is { } version ? $"{name}/{version}" : name
            : null;

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..max];
}
