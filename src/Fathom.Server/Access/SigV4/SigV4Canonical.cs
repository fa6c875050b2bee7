using System.Text;

namespace Fathom.Server.Access.SigV4;

/// <summary>The canonical forms SigV4 signs (non-S3 services): path, query and header values, rebuilt from the request
/// as it arrived so they match what the client computed before sending it.</summary>
internal static class SigV4Canonical
{
    /// <summary>The canonical URI of a path as it was sent on the wire (already percent-encoded once by the client):
    /// dot segments and empty segments removed as the SDKs do, then each segment encoded once more. So an ARN's
    /// <c>:</c>, sent as <c>%3A</c>, is signed as <c>%253A</c> — AWS's "encode each segment twice" for non-S3 services.</summary>
    public static string Uri(string wirePath)
    {
        if (wirePath.Length == 0)
        {
            return "/";
        }

        var kept = new List<string>();
        foreach (var segment in wirePath.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        var builder = new StringBuilder(wirePath.Length + 16).Append('/');
        for (var i = 0; i < kept.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            Encode(builder, kept[i]);
        }

        if (kept.Count > 0 && wirePath.EndsWith('/'))
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>The canonical query string of a raw query (without <c>?</c>): each name and value percent-decoded, then
    /// encoded the AWS way, sorted by name then value. <paramref name="skip"/> leaves out one parameter (a presigned
    /// URL's own <c>X-Amz-Signature</c>).</summary>
    public static string Query(string rawQuery, string? skip = null)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? part : part[..equals]);
            if (skip is not null && string.Equals(name, skip, StringComparison.Ordinal))
            {
                continue;
            }

            pairs.Add((Encode(name), Encode(equals < 0 ? "" : Decode(part[(equals + 1)..]))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>A header's canonical value: each value trimmed, runs of spaces inside collapsed to one, several values
    /// joined with commas.</summary>
    public static string HeaderValue(IEnumerable<string?> values)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            var pendingSpace = false;
            var started = false;
            foreach (var c in value ?? "")
            {
                if (c is ' ' or '\t')
                {
                    pendingSpace = started;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
                started = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>AWS's URI encoding: every byte of the UTF-8 form except the unreserved <c>A-Z a-z 0-9 - _ . ~</c> as
    /// <c>%XX</c> in upper case.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Encode(builder, value);
        return builder.ToString();
    }

    private static void Encode(StringBuilder builder, string value)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Percent-decoding only: a <c>+</c> stays a plus, since SigV4 clients send a space as <c>%20</c>.</summary>
    private static string Decode(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? System.Uri.UnescapeDataString(value) : value;
}
