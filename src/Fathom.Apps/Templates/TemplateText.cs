using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Templates;

/// <summary>
/// Turns a template file's bytes into text. Templates are UTF-8 (a byte order mark is allowed; UTF-16 and UTF-32 with
/// one are read too); bytes that are not are an error where they are, instead of turning silently into U+FFFD and
/// reaching names, environment variables and events that way.
/// </summary>
internal static class TemplateText
{
    public static string? Decode(byte[] bytes, string displayPath, DiagnosticBag diagnostics)
    {
        if (OtherEncoding(bytes) is { } other)
        {
            try
            {
                return other.GetString(bytes, other.Preamble.Length, bytes.Length - other.Preamble.Length);
            }
            catch (DecoderFallbackException)
            {
                diagnostics.Error(SourceLocation.OfFile(displayPath), $"the file starts like {other.WebName} text but is not valid {other.WebName}");
                return null;
            }
        }

        var text = bytes.AsSpan(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0);
        var chars = new char[text.Length];
        if (Utf8.ToUtf16(text, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var lineStart = text[..read].LastIndexOf((byte)'\n') + 1;
        var line = text[..read].Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(text[lineStart..read]) + 1;
        diagnostics.Error(new SourceLocation(displayPath, line, column),
            $"invalid UTF-8: byte 0x{text[read]:X2} does not start or continue a character here; a template must be UTF-8 text");
        return null;
    }

    private static Encoding? OtherEncoding(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true),
        [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true),
        _ => null,
    };
}
