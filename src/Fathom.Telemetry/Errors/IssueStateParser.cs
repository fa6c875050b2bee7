using System.Globalization;
using System.Text.Json;

namespace Fathom.Telemetry.Errors;

/// <summary>Reads <c>resolve</c> / <c>ignore</c> / <c>reopen</c> and their optional body (<c>{"inNextVersion":true}</c>,
/// <c>{"untilEvents":N}</c>, <c>{"until":"RFC3339"}</c>) into a state change, rejecting what it does not know.</summary>
internal static class IssueStateParser
{
    public static bool TryParse(string action, JsonElement body, DateTimeOffset now, out IssueStateRequest? request, out string? error)
    {
        request = null;
        error = null;
        var fields = body.ValueKind == JsonValueKind.Object ? body.EnumerateObject().ToList() : [];
        string[] allowed = action switch
        {
            "resolve" => ["inNextVersion"],
            "ignore" => ["until", "untilEvents"],
            "reopen" => [],
            _ => ["-"],
        };
        if (allowed is ["-"])
        {
            error = $"'{action}' is not one of resolve, ignore, reopen";
            return false;
        }

        foreach (var field in fields)
        {
            if (!allowed.Contains(field.Name, StringComparer.Ordinal))
            {
                error = $"'{field.Name}' is not a field of {action}";
                return false;
            }
        }

        switch (action)
        {
            case "resolve":
                var inNextVersion = false;
                foreach (var field in fields)
                {
                    if (field.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        error = "inNextVersion must be true or false";
                        return false;
                    }

                    inNextVersion = field.Value.ValueKind == JsonValueKind.True;
                }

                request = new IssueStateRequest(inNextVersion ? IssueStates.ResolvedInNextVersion : IssueStates.Resolved);
                return true;
            case "ignore":
                DateTimeOffset? until = null;
                long? events = null;
                foreach (var field in fields)
                {
                    if (field.Name == "until")
                    {
                        if (field.Value.ValueKind != JsonValueKind.String
                            || !DateTimeOffset.TryParse(field.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                        {
                            error = "until must be an RFC 3339 time, e.g. 2026-12-07T10:00:00Z";
                            return false;
                        }

                        if (time <= now)
                        {
                            error = "until must be in the future";
                            return false;
                        }

                        until = time;
                    }
                    else if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var n) || n < 1)
                    {
                        error = "untilEvents must be a whole number of at least 1";
                        return false;
                    }
                    else
                    {
                        events = n;
                    }
                }

                request = new IssueStateRequest(IssueStates.Ignored, until, events);
                return true;
            default:
                request = new IssueStateRequest(IssueStates.Unresolved);
                return true;
        }
    }
}
