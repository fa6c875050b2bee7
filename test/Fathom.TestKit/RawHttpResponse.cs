namespace Fathom.TestKit;

/// <summary>A response read by <see cref="RawHttpExchange"/>: status, headers (last value per name) and body text.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Status} {Body}";
}
