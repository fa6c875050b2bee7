using System.IO.Compression;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Undoes the <c>Content-Encoding</c> SDKs use (gzip, deflate, br), and gzip sent without the header, which
/// some SDKs do and Relay accepts. Caps both sides: a small body may inflate without bound.</summary>
internal static class SentryBody
{
    public static byte[] Decode(ReadOnlyMemory<byte> body, string? contentEncoding)
    {
        if (body.Length > SentryLimits.MaxBodyBytes)
        {
            throw SentryRejectedException.TooLarge($"request body is larger than {SentryLimits.MaxBodyBytes} bytes");
        }

        var encoding = contentEncoding?.Trim().ToLowerInvariant() ?? "";
        var span = body.Span;
        if (encoding is "" or "identity")
        {
            return span.Length >= 2 && span[0] == 0x1f && span[1] == 0x8b ? Inflate(body, Format.Gzip) : body.ToArray();
        }

        return encoding switch
        {
            "gzip" or "x-gzip" => Inflate(body, Format.Gzip),
            // HTTP's "deflate" is zlib-wrapped, but clients often send raw deflate: the zlib header tells them apart.
            "deflate" => Inflate(body, span.Length >= 2 && (span[0] & 0x0f) == 8 && ((span[0] << 8) | span[1]) % 31 == 0 ? Format.Zlib : Format.Deflate),
            "br" => Inflate(body, Format.Brotli),
            _ => throw SentryRejectedException.BadRequest($"unsupported Content-Encoding '{contentEncoding}'"),
        };
    }

    private enum Format
    {
        Gzip,
        Zlib,
        Deflate,
        Brotli,
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> body, Format format)
    {
        try
        {
            using var input = new MemoryStream(body.ToArray(), writable: false);
            using Stream decoder = format switch
            {
                Format.Gzip => new GZipStream(input, CompressionMode.Decompress),
                Format.Zlib => new ZLibStream(input, CompressionMode.Decompress),
                Format.Deflate => new DeflateStream(input, CompressionMode.Decompress),
                _ => new BrotliStream(input, CompressionMode.Decompress),
            };
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = decoder.Read(buffer)) > 0)
            {
                if (output.Length + read > SentryLimits.MaxDecompressedBytes)
                {
                    throw SentryRejectedException.TooLarge($"decompressed body is larger than {SentryLimits.MaxDecompressedBytes} bytes");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw SentryRejectedException.BadRequest($"body is not valid {format.ToString().ToLowerInvariant()} data");
        }
    }
}
