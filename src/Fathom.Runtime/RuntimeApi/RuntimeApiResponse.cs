using System.Text;

namespace Fathom.Runtime.RuntimeApi;

/// <summary>What the Runtime API answers; headers beyond Content-Type/Length are optional.</summary>
internal sealed class RuntimeApiResponse
{
    public required int Status { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>Runs once the response was written (or writing failed), e.g. to finish the invocation it answered.</summary>
    public Action? AfterWrite { get; init; }

    /// <summary>Close the connection after writing (used when an oversized body was not read).</summary>
    public bool Close { get; init; }

    private static readonly byte[] AcceptedBody = """{"status":"OK"}"""u8.ToArray();

    public static readonly RuntimeApiResponse Accepted = Json(202, """{"status":"OK"}""");

    /// <summary>202, then <paramref name="afterWrite"/>.</summary>
    public static RuntimeApiResponse AcceptedThen(Action afterWrite) => new() { Status = 202, Body = AcceptedBody, AfterWrite = afterWrite };

    public static RuntimeApiResponse Json(int status, string json, bool close = false) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(json), Close = close };

    public static RuntimeApiResponse Error(int status, string errorType, string errorMessage, bool close = false) =>
        Json(status, $$"""{"errorMessage":{{JsonString(errorMessage)}},"errorType":{{JsonString(errorType)}}}""", close);

    public static RuntimeApiResponse InvalidRequestId() => Error(400, "InvalidRequestID", "Invalid request ID");

    public static RuntimeApiResponse InvalidState(string from, string to) =>
        Error(403, "InvalidStateTransition", $"State transition from {from} to {to} failed for runtime. Error: State transition is not allowed");

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
