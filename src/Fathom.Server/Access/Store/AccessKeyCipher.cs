using System.Security.Cryptography;
using System.Text;

namespace Fathom.Server.Access.Store;

/// <summary>Seals AWS secret access keys with AES-GCM under <c>access.key</c> (32 random bytes, mode 0600, beside
/// <c>access.db</c>): a copy of the database alone does not give the secrets away. The key id is the associated data,
/// so a sealed secret cannot be moved to another key's row.</summary>
internal sealed class AccessKeyCipher
{
    public const string FileName = "access.key";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    private AccessKeyCipher(byte[] key) => _key = key;

    public static AccessKeyCipher Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            SecretFile.Write(path, key);
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length == 32
            ? new AccessKeyCipher(bytes)
            : throw new InvalidOperationException($"{path} is not a Fathom access key file (32 bytes)");
    }

    public byte[] Seal(string accessKeyId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(accessKeyId));
        return sealedBytes;
    }

    /// <summary>The secret, or null when the bytes were not sealed for this id under this key.</summary>
    public string? Open(string accessKeyId, byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(accessKeyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }
}
