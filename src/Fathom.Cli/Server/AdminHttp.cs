using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fathom.Cli.Server;

/// <summary>The HTTP handler every command talks to the admin port through. A server with a certificate of its own
/// (self-signed, or from a private CA) is trusted when its CA is given with <c>--ca FILE</c> or <c>FATHOM_CA</c> (PEM);
/// the system's store is trusted as always, and the certificate's name must still match the server's.</summary>
internal static class AdminHttp
{
    public const string CaVariable = "FATHOM_CA";

    /// <summary>The PEM file of <c>--ca</c>, else <c>FATHOM_CA</c>; set once before a command runs.</summary>
    public static string? CaFile { get; set; }

    public static HttpMessageHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler();
        if (CaFile is { } path)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && IsTrusted(certificate, errors, authorities));
        }

        return handler;
    }

    /// <summary>Why <c>--ca</c>/<c>FATHOM_CA</c> cannot be used, or null.</summary>
    public static string? Check(string path, string source)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            return authorities.Count == 0 ? $"{source} {path}: no PEM certificate in the file" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"{source} {path}: {e.Message}";
        }
    }

    private static bool IsTrusted(X509Certificate certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // Only the chain may be fixed by the given CA; a name that does not match stays an error.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
