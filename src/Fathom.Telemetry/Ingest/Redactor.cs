using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Ingest;

/// <summary>The one redaction step before any store, tail or forwarder (DESIGN.md "Redaction"): removes the values of
/// the app's secrets (as written, JSON-escaped and base64) and the values of fields whose names say they are secret
/// (<c>password</c>, <c>token</c>, <c>authorization</c>, ...), in JSON fields and in <c>name=value</c> / <c>"name": "value"</c>
/// text.</summary>
public sealed partial class Redactor(ISecretValues secrets)
{
    /// <summary>What a removed value is replaced with.</summary>
    public const string Mask = "[redacted]";

    public LogRecord Redact(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = secrets.Current;
        var message = RedactText(record.Message, values);
        var fields = record.Fields is null ? null : RedactFields(record.Fields, values);
        return ReferenceEquals(message, record.Message) && ReferenceEquals(fields, record.Fields)
            ? record
            : record with { Message = message, Fields = fields };
    }

    /// <summary>Redacts free text or a JSON document (an error's message or request payload).</summary>
    public string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RedactFields(text, secrets.Current);
    }

    /// <summary>True when a field of this name holds a secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    private static string RedactText(string text, IReadOnlyList<string> values)
    {
        var result = RemoveValues(text, values);
        // Cheap pre-check: most lines name no secret at all.
        if (!SecretName().IsMatch(result))
        {
            return result;
        }

        return NamedValue().Replace(result, match => match.Groups["name"].Value + match.Groups["sep"].Value + match.Groups["quote"].Value + Mask + match.Groups["quote"].Value);
    }

    private static string RedactFields(string json, IReadOnlyList<string> values)
    {
        var withoutValues = RemoveValues(json, values);
        if (!SecretName().IsMatch(withoutValues))
        {
            return withoutValues;
        }

        try
        {
            var node = JsonNode.Parse(withoutValues);
            return node is not null && RedactNode(node) ? node.ToJsonString() : withoutValues;
        }
        catch (JsonException)
        {
            return RedactText(withoutValues, []);
        }
    }

    private static bool RedactNode(JsonNode node)
    {
        var changed = false;
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                if (value is JsonValue && IsSecretName(name))
                {
                    obj[name] = Mask;
                    changed = true;
                }
                else if (value is not null)
                {
                    changed |= RedactNode(value);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    changed |= RedactNode(item);
                }
            }
        }

        return changed;
    }

    private static string RemoveValues(string text, IReadOnlyList<string> values)
    {
        var result = text;
        foreach (var value in values)
        {
            // Very short values would blank out ordinary words; a secret that short is no secret.
            if (value.Length < 4)
            {
                continue;
            }

            foreach (var form in Forms(value))
            {
                if (result.Contains(form, StringComparison.Ordinal))
                {
                    result = result.Replace(form, Mask, StringComparison.Ordinal);
                }
            }
        }

        return result;
    }

    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        // How JSON writers escape it: minimally (\" and \\, as Node's JSON.stringify does) or everything non-ASCII and
        // HTML-sensitive as \uXXXX (.NET's default).
        var minimal = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        if (minimal != value)
        {
            yield return minimal;
        }

        var strict = JsonEncodedText.Encode(value).ToString();
        if (strict != value && strict != minimal)
        {
            yield return strict;
        }

        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
    }

    [GeneratedRegex(@"passw(or)?d|secret|token|authorization|api[-_]?key|credential|cookie|private[-_]?key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // password=abc, "token": "abc", Authorization: Bearer abc — the name, its separator, then one value.
    [GeneratedRegex(@"(?<name>[""']?[\w.-]*(passw(or)?d|secret|token|authorization|api[-_]?key|credential|cookie|private[-_]?key)[\w.-]*[""']?)(?<sep>\s*[:=]\s*)(?<quote>[""']?)(?:(?:Bearer|Basic)\s+)?[^\s""',;&}]+\k<quote>", RegexOptions.IgnoreCase)]
    private static partial Regex NamedValue();
}
