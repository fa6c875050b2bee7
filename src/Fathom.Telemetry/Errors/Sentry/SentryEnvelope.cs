using System.Text.Json;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>
/// A parsed Sentry envelope: one header line, then items, each a header line and a payload that is either
/// <c>length</c> bytes (followed by <c>\n</c> or the end) or, without <c>length</c>, the rest of the line. Only
/// <c>\n</c> ends a line. Items of types we do not ingest are kept as counts, never rejected (as Sentry does).
/// </summary>
internal sealed class SentryEnvelope
{
    private SentryEnvelope(JsonElement header, IReadOnlyList<SentryEnvelopeItem> items)
    {
        Header = header;
        Items = items;
    }

    /// <summary>The envelope header (an object: <c>event_id</c>, <c>dsn</c>, <c>sdk</c>, <c>sent_at</c> ...).</summary>
    public JsonElement Header { get; }

    public IReadOnlyList<SentryEnvelopeItem> Items { get; }

    /// <summary>The header's <c>event_id</c>, or null.</summary>
    public string? EventId => Header.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The header's <c>dsn</c>, or null (one of the three places a key may come from).</summary>
    public string? Dsn => Header.TryGetProperty("dsn", out var dsn) && dsn.ValueKind == JsonValueKind.String ? dsn.GetString() : null;

    /// <exception cref="SentryRejectedException">The envelope is malformed (400) or an event item too large (413).</exception>
    public static SentryEnvelope Parse(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var position = 0;
        var headerLine = ReadLine(span, ref position);
        var header = ParseObject(data.Slice(headerLine.Start, headerLine.Length), "envelope header");
        var items = new List<SentryEnvelopeItem>();
        while (position < span.Length)
        {
            var line = ReadLine(span, ref position);
            if (line.Length == 0)
            {
                continue; // a trailing (or doubled) newline
            }

            var itemHeader = ParseObject(data.Slice(line.Start, line.Length), $"item {items.Count + 1} header");
            if (!itemHeader.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
                || typeElement.GetString() is not { Length: > 0 } type)
            {
                throw SentryRejectedException.BadRequest($"item {items.Count + 1} has no type");
            }

            ReadOnlyMemory<byte> payload;
            if (itemHeader.TryGetProperty("length", out var lengthElement) && lengthElement.ValueKind != JsonValueKind.Null)
            {
                if (lengthElement.ValueKind != JsonValueKind.Number || !lengthElement.TryGetInt32(out var length) || length < 0)
                {
                    throw SentryRejectedException.BadRequest($"item {items.Count + 1} has an invalid length");
                }

                if (length > span.Length - position)
                {
                    throw SentryRejectedException.BadRequest($"item {items.Count + 1} claims {length} bytes but the envelope has {span.Length - position} left");
                }

                payload = data.Slice(position, length);
                position += length;
                if (position < span.Length)
                {
                    if (span[position] != (byte)'\n')
                    {
                        throw SentryRejectedException.BadRequest($"item {items.Count + 1} is not followed by a newline after its {length} bytes");
                    }

                    position++;
                }
            }
            else
            {
                var body = ReadLine(span, ref position);
                payload = data.Slice(body.Start, body.Length);
            }

            if (type is "event" or "transaction" && payload.Length > SentryLimits.MaxEventBytes)
            {
                throw SentryRejectedException.TooLarge($"{type} item is larger than {SentryLimits.MaxEventBytes} bytes");
            }

            items.Add(new SentryEnvelopeItem(type, payload));
        }

        return new SentryEnvelope(header, items);
    }

    private static (int Start, int Length) ReadLine(ReadOnlySpan<byte> span, ref int position)
    {
        var start = position;
        var end = span[start..].IndexOf((byte)'\n');
        if (end < 0)
        {
            position = span.Length;
            return (start, span.Length - start);
        }

        position = start + end + 1;
        return (start, end);
    }

    private static JsonElement ParseObject(ReadOnlyMemory<byte> json, string what)
    {
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            element = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw SentryRejectedException.BadRequest($"{what} is not valid JSON");
        }

        return element.ValueKind == JsonValueKind.Object ? element : throw SentryRejectedException.BadRequest($"{what} is not a JSON object");
    }
}

/// <summary>One item of an envelope: its type and its payload bytes.</summary>
internal sealed record SentryEnvelopeItem(string Type, ReadOnlyMemory<byte> Payload);
