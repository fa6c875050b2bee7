using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Fathom.Telemetry.Errors;

/// <summary>Which issue an event belongs to. The same bug must land in one issue across versions and reloads, so
/// line numbers, artifact paths and the values inside messages are left out; different bugs differ in type, in the
/// in-app functions and files they pass through, or (with no in-app frame) in their message's words.</summary>
public static partial class ErrorFingerprint
{
    /// <summary>What an SDK fingerprint writes for the computed one.</summary>
    public const string DefaultToken = "{{ default }}";

    /// <summary>The fingerprint: 32 hex digits of SHA-256 over the grouping parts.</summary>
    public static string Compute(ErrorEvent errorEvent)
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        var parts = DefaultParts(errorEvent);
        if (errorEvent.Fingerprint is { Count: > 0 } custom)
        {
            parts = [.. custom.SelectMany(p => IsDefault(p) ? parts : ["custom:" + p])];
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return Convert.ToHexStringLower(bytes)[..32];
    }

    /// <summary>Type plus in-app frames (function and file), or type plus the normalised message.</summary>
    internal static List<string> DefaultParts(ErrorEvent errorEvent)
    {
        var parts = new List<string> { "type:" + errorEvent.Type };
        var inApp = errorEvent.Frames.Where(f => f.InApp).ToList();
        if (inApp.Count > 0)
        {
            parts.AddRange(inApp.Select(f => $"frame:{f.Function}@{f.File}"));
        }
        else
        {
            parts.Add("message:" + NormaliseMessage(errorEvent.Message));
        }

        return parts;
    }

    /// <summary>The message with what varies between occurrences of one bug removed: quoted values, UUIDs, hex,
    /// numbers and id-like tokens.</summary>
    public static string NormaliseMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Quoted().Replace(message, "<q>");
        text = Uuid().Replace(text, "<uuid>");
        text = Hex().Replace(text, "<hex>");
        text = IdLike().Replace(text, "<id>");
        text = Number().Replace(text, "<n>");
        return Whitespace().Replace(text, " ").Trim();
    }

    private static bool IsDefault(string part) =>
        part.Replace(" ", "", StringComparison.Ordinal).Equals("{{default}}", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"""[^""]*""|'[^']*'|`[^`]*`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b[0-9a-fA-F]{12,}\b")]
    private static partial Regex Hex();

    // Tokens mixing letters and digits (user_42, ord-9f2c, abc123) are identifiers, not words.
    [GeneratedRegex(@"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{3,}\b")]
    private static partial Regex IdLike();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
