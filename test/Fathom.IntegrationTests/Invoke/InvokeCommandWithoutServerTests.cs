using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Invoke;

/// <summary><c>fathom invoke</c> when no server is running.</summary>
public sealed class InvokeCommandWithoutServerTests
{
    [Fact]
    public async Task Invoke_NoServerListening_SaysSoAndExits1()
    {
        // A port that was free a moment ago and that nothing listens on now.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var directory = Directory.CreateTempSubdirectory("fathom-it-").FullName;
        try
        {
            var result = await FathomCli.RunAsync(directory, ["invoke", "hello", "--server", url]);

            result.ExitCode.Should().Be(1, result.ToString());
            result.StandardError.Should().Contain("cannot reach").And.Contain(url).And.Contain("fathom up");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
