namespace Fathom.Gateway.Authorizers.Jwt;

internal static class Base64Url
{
    /// <exception cref="FormatException">Not base64url.</exception>
    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
