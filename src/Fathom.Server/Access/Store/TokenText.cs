using System.Security.Cryptography;
using System.Text;

namespace Fathom.Server.Access.Store;

/// <summary>The bearer token's text, <c>fathom_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row without a scan, and only
/// the secret's SHA-256 is stored, compared in constant time. AWS access keys look like AWS's own (<c>AKIA</c> and 16
/// base32 characters, a 40-character secret), so clients that check their shape accept them.</summary>
internal static class TokenText
{
    public const string Prefix = "fathom_";
    private const int IdLength = 12;
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static (string Id, string Secret, string Text) NewToken()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Splits a token's text; false for anything not shaped like one.</summary>
    public static bool TryParse(string text, out string id, out string secret)
    {
        (id, secret) = ("", "");
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < Prefix.Length + IdLength + 2 || text[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        id = text.Substring(Prefix.Length, IdLength);
        secret = text[(Prefix.Length + IdLength + 1)..];
        return id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    public static (string AccessKeyId, string SecretAccessKey) NewAwsKey()
    {
        var random = RandomNumberGenerator.GetBytes(16);
        var id = new StringBuilder("AKIA", 20);
        foreach (var b in random)
        {
            id.Append(Base32[b % 32]);
        }

        // 30 bytes are 40 base64 characters, the length of an AWS secret access key.
        return (id.ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
