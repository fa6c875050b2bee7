using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Fathom.Gateway.Invoke;

internal sealed partial class InvokeApiHandler
{
    private const int MaxClientContextBytes = 3583;

    /// <summary>Why the bytes are not one JSON document, or null. JSON exchanged between systems is UTF-8 (RFC 8259),
    /// and the reader does not check the bytes inside strings, so they are checked first.</summary>
    private static string? JsonError(byte[] body)
    {
        if (Utf8Error(body) is { } utf8Error)
        {
            return utf8Error;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static string? Utf8Error(byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes.AsSpan(offset), out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return $"the payload is not valid UTF-8 (byte 0x{bytes[offset]:X2} at offset {offset})";
    }

    private static string? DecodeClientContext(string encoded, out string? error)
    {
        error = null;
        if (encoded.Length > MaxClientContextBytes)
        {
            error = $"Client context must be {MaxClientContextBytes} bytes or smaller when base64-encoded.";
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(encoded);
            if (JsonError(bytes) is null)
            {
                return Encoding.UTF8.GetString(bytes);
            }
        }
        catch (FormatException)
        {
        }

        error = "Client context must be a valid Base64-encoded JSON object.";
        return null;
    }
}
