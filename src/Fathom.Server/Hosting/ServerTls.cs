using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fathom.Server.Hosting;

/// <summary>Loads the certificate of <c>--tls-cert FILE --tls-key FILE</c> (PEM; the cert file may carry the chain after
/// the server's own certificate), checked before anything listens so a wrong file is one clear line.</summary>
public static class ServerTls
{
    /// <summary>The certificate with its private key, or null when neither file is given.</summary>
    /// <exception cref="ServerStartException">Only one file is given, a file is missing or unreadable, or the key does not
    /// belong to the certificate.</exception>
    public static X509Certificate2? Load(string? certificatePath, string? keyPath, TimeProvider time)
    {
        if (certificatePath is null && keyPath is null)
        {
            return null;
        }

        if (certificatePath is null || keyPath is null)
        {
            throw new ServerStartException("--tls-cert and --tls-key go together: give the certificate and its private key (PEM files)");
        }

        foreach (var (path, option) in new[] { (certificatePath, "--tls-cert"), (keyPath, "--tls-key") })
        {
            if (!File.Exists(path))
            {
                throw new ServerStartException($"{option} {path}: no such file");
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException e)
        {
            throw new ServerStartException($"--tls-cert {certificatePath} / --tls-key {keyPath}: not a PEM certificate and its private key ({e.Message})", e);
        }
        catch (ArgumentException e)
        {
            throw new ServerStartException($"--tls-cert {certificatePath} / --tls-key {keyPath}: not a PEM certificate and its private key ({e.Message})", e);
        }

        if (certificate.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime)
        {
            var expired = certificate.NotAfter.ToUniversalTime();
            certificate.Dispose();
            throw new ServerStartException($"--tls-cert {certificatePath}: the certificate expired on {expired:yyyy-MM-dd}");
        }

        return certificate;
    }
}
