using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Access;

public sealed class ExposureOptionsTests
{
    [Theory]
    [InlineData("--tls-cert", "missing.pem", "--tls-key", "missing.key", "--tls-cert missing.pem: no such file")]
    [InlineData("--tls-cert", "missing.pem", "--public-name", "fathom.example.com", "--tls-cert and --tls-key go together")]
    [InlineData("--public-name", "https://fathom.example.com", "--public-name", "fathom.example.com", "--public-name 'https://fathom.example.com' is not a host name")]
    public async Task Server_BadExposureOptions_RefusesToStartAndSaysWhy(string option1, string value1, string option2, string value2, string message)
    {
        var data = Directory.CreateTempSubdirectory("fathom-srv-host-").FullName;
        try
        {
            // Where the machine lacks a sandbox defence, giving it up keeps that refusal from coming first.
            var missing = Fathom.Runtime.Isolation.SandboxCapabilities.Current.Missing;
            string[] weaker = missing.Count == 0 ? [] : ["--allow-weaker-isolation=" + string.Join(',', missing.Select(m => m.Name))];
            var result = await FathomCli.RunAsync(data, ["server", "--data", data, "--port", "0", "--admin-port", "0", option1, value1, option2, value2, .. weaker]);

            result.ExitCode.Should().Be(1, result.ToString());
            result.StandardError.Should().Contain(message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
