using System.Text.Json;

namespace Fathom.Gateway.Authorizers;

/// <summary>Judges an IAM policy document against a method ARN as IAM does: any matching Deny wins, else a matching
/// Allow is needed. <c>Action</c> must cover <c>execute-api:Invoke</c>; <c>Resource</c> / <c>NotResource</c> patterns
/// use <c>*</c> (any run, <c>/</c> included) and <c>?</c> (one character).</summary>
internal static class PolicyEvaluator
{
    public static PolicyDecision Evaluate(JsonElement policy, string methodArn)
    {
        if (policy.ValueKind != JsonValueKind.Object || !TryGet(policy, "Statement", out var statements))
        {
            return PolicyDecision.Invalid;
        }

        // A single statement may be written as an object instead of a one-element list.
        IEnumerable<JsonElement> list = statements.ValueKind switch
        {
            JsonValueKind.Array => statements.EnumerateArray(),
            JsonValueKind.Object => [statements],
            _ => [],
        };
        var allowed = false;
        var any = false;
        foreach (var statement in list)
        {
            any = true;
            if (statement.ValueKind != JsonValueKind.Object
                || !TryGet(statement, "Effect", out var effect) || effect.ValueKind != JsonValueKind.String)
            {
                return PolicyDecision.Invalid;
            }

            var isAllow = effect.GetString() == "Allow";
            if (!isAllow && effect.GetString() != "Deny")
            {
                return PolicyDecision.Invalid;
            }

            var matches = Matches(statement, methodArn);
            if (matches is null)
            {
                return PolicyDecision.Invalid;
            }

            if (matches.Value && !isAllow)
            {
                return PolicyDecision.ExplicitDeny;
            }

            allowed |= matches.Value && isAllow;
        }

        return !any ? PolicyDecision.Invalid : allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    /// <summary>Whether the statement covers the method; null when it is malformed.</summary>
    private static bool? Matches(JsonElement statement, string methodArn)
    {
        var action = Patterns(statement, "Action");
        var notAction = Patterns(statement, "NotAction");
        if (action is null && notAction is null)
        {
            return null;
        }

        var actionMatches = action is not null
            ? action.Any(p => ArnPattern.IsMatch(p, "execute-api:Invoke", ignoreCase: true))
            : !notAction!.Any(p => ArnPattern.IsMatch(p, "execute-api:Invoke", ignoreCase: true));

        var resource = Patterns(statement, "Resource");
        var notResource = Patterns(statement, "NotResource");
        if (resource is null && notResource is null)
        {
            return null;
        }

        var resourceMatches = resource is not null
            ? resource.Any(p => ArnPattern.IsMatch(p, methodArn, ignoreCase: false))
            : !notResource!.Any(p => ArnPattern.IsMatch(p, methodArn, ignoreCase: false));
        return actionMatches && resourceMatches;
    }

    private static List<string>? Patterns(JsonElement statement, string name)
    {
        if (!TryGet(statement, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return null;
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    // IAM policy keys are case-sensitive in spirit, but authorizers written by hand often send "statement" or
    // "effect"; API Gateway accepts those, so the lookup ignores case.
    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
