namespace Fathom.Server.Access.SigV4;

/// <summary>The parts of an HTTP request a SigV4 signature covers, as they arrived.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="WirePath">The path exactly as sent (still percent-encoded; with any <c>/aws/{app}/{env}</c> prefix).</param>
/// <param name="RawQuery">The query exactly as sent, without the <c>?</c>.</param>
/// <param name="Headers">The values of a header, by its lower-case name (none when absent).</param>
/// <param name="BodySha256">The SHA-256 of the body, lower-case hex.</param>
internal sealed record SigV4Request(string Method, string WirePath, string RawQuery, Func<string, IEnumerable<string?>> Headers, string BodySha256)
{
    /// <summary>The SHA-256 of nothing: the body hash of a request without a body.</summary>
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public string? Header(string name) => Headers(name).FirstOrDefault(v => v is not null);
}
