using System.Text.Json;
using Fathom.Gateway.Routing;

namespace Fathom.Gateway.Authorizers;

/// <summary>A Lambda authorizer's valid answer: an IAM policy with its principal, or (HTTP API simple responses)
/// <c>isAuthorized</c>; either with an optional <c>context</c>.</summary>
internal sealed record LambdaAuthorizerAnswer(string? PrincipalId, JsonElement? Policy, bool? IsAuthorized, JsonElement? Context)
{
    /// <summary>The answer, or null when it is not a valid one for this authorizer (API Gateway answers 500).</summary>
    public static LambdaAuthorizerAnswer? Parse(ReadOnlyMemory<byte> payload, AuthorizerSettings settings, ApiKind kind)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(payload);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? context = null;
        if (root.TryGetProperty("context", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            // REST stringifies context values, so only scalars can be passed: an object or a list is a configuration error.
            if (c.ValueKind != JsonValueKind.Object
                || (kind == ApiKind.Rest && c.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)))
            {
                return null;
            }

            context = c;
        }

        if (kind == ApiKind.Http && settings.SimpleResponses)
        {
            return root.TryGetProperty("isAuthorized", out var ok) && ok.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? new LambdaAuthorizerAnswer(null, null, ok.GetBoolean(), context)
                : null;
        }

        var principal = root.TryGetProperty("principalId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if ((principal is null && kind == ApiKind.Rest)
            || !root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new LambdaAuthorizerAnswer(principal, policy, null, context);
    }

    /// <summary>Judges the answer for one request.</summary>
    public AuthorizerOutcome Judge(string methodArn)
    {
        if (IsAuthorized is { } simple)
        {
            return simple ? AuthorizerOutcome.Allow : AuthorizerOutcome.Forbidden;
        }

        return PolicyEvaluator.Evaluate(Policy!.Value, methodArn) switch
        {
            PolicyDecision.Allow => AuthorizerOutcome.Allow,
            PolicyDecision.ExplicitDeny => AuthorizerOutcome.ExplicitDeny,
            PolicyDecision.ImplicitDeny => AuthorizerOutcome.ImplicitDeny,
            _ => AuthorizerOutcome.Error,
        };
    }

    /// <summary>What the integration sees as <c>requestContext.authorizer</c>: on REST (and HTTP payload 1.0) the
    /// principal and every context value as a string beside it; on HTTP payload 2.0 the context as returned under
    /// <c>lambda</c>.</summary>
    public byte[] IntegrationContext(RouteModel route, long latencyMs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (route.PayloadVersion == "2.0")
            {
                w.WritePropertyName("lambda");
                if (Context is { } context)
                {
                    context.WriteTo(w);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                }
            }
            else
            {
                if (PrincipalId is not null)
                {
                    w.WriteString("principalId", PrincipalId);
                }

                w.WriteNumber("integrationLatency", latencyMs);
                if (Context is { } context)
                {
                    foreach (var property in context.EnumerateObject())
                    {
                        WriteStringified(w, property);
                    }
                }
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteStringified(Utf8JsonWriter w, JsonProperty property)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                w.WriteString(property.Name, property.Value.GetString());
                break;
            case JsonValueKind.Null:
                w.WriteNull(property.Name);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                w.WriteString(property.Name, property.Value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            case JsonValueKind.Number:
                w.WriteString(property.Name, property.Value.GetRawText());
                break;
            default:
                // HTTP payload 1.0 may carry nested values; they pass as JSON text.
                w.WriteString(property.Name, property.Value.GetRawText());
                break;
        }
    }
}
