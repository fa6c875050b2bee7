using System.Text;
using System.Text.Json;

namespace Fathom.Runtime.Environments;

/// <summary>The Lambda error shape <c>{"errorType","errorMessage","stackTrace"|"trace"}</c>: read leniently, written strictly.</summary>
internal sealed record ErrorBody(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace)
{
    /// <summary>Reads what a runtime posted; a body that is not the expected JSON still yields a type and message.</summary>
    public static ErrorBody Parse(ReadOnlyMemory<byte> body, string? errorTypeHeader)
    {
        string? type = null;
        string? message = null;
        var stack = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                message = root.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if ((root.TryGetProperty("stackTrace", out var s) || root.TryGetProperty("trace", out s)) && s.ValueKind == JsonValueKind.Array)
                {
                    stack.AddRange(s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            message = Encoding.UTF8.GetString(body.Span);
        }

        return new ErrorBody(type ?? errorTypeHeader ?? "Runtime.Unknown", message ?? "", stack);
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["errorType"] = ErrorType,
        ["errorMessage"] = ErrorMessage,
    });
}
