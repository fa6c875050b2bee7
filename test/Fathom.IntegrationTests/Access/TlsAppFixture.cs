using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Access;

/// <summary>`fathom up testassets/apps/prometheus --tls-cert --tls-key` with a self-signed certificate for 127.0.0.1 and
/// localhost made here, shared by one test class.</summary>
public sealed class TlsAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>The certificate's PEM file: what a user passes as <c>--ca</c>.</summary>
    public string CertificatePath => _app!.PathOf("tls/cert.pem");

    public string AppDirectory => _app!.Directory;

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "prometheus"));
        Directory.CreateDirectory(_app.PathOf("tls"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fathom test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(CertificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(_app.PathOf("tls/key.pem"), key.ExportPkcs8PrivateKeyPem());
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        _up = await FathomUp.StartAsync(_app.Directory, "--tls-cert", CertificatePath, "--tls-key", _app.PathOf("tls/key.pem"));
    }

    /// <summary>An HttpClient that trusts exactly the test certificate, as a user's machine with it installed would.</summary>
    public HttpClient TrustingClient(Uri baseAddress, bool cookies = true)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        Certificate?.Dispose();
        _app?.Dispose();
    }
}
