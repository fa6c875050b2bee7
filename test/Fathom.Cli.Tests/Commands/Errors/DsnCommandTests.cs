using System.Net;
using Fathom.Cli.Commands.Errors;
using Fathom.Telemetry;
using Fathom.Telemetry.Errors.Sentry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Cli.Tests.Commands.Errors;

/// <summary>`fathom errors dsn` against the telemetry feature on real Kestrel (in process: the command is wired into
/// `fathom errors` with the error tracker).</summary>
public sealed class DsnCommandTests
{
    [Fact]
    public async Task Dsn_AppAndEnvironment_PrintsTheAdminAndFunctionDsns()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory("fathom-dsn");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddFathomTelemetry(o => o.DataDirectory = directory.Path);
        builder.Services.AddOpenAccess();
        await using var app = builder.Build();
        app.UseAuthorization();
        app.MapFathomTelemetry();
        await app.StartAsync(ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var output = new StringWriter();
        var console = Console.Out;

        int exit;
        Console.SetOut(output);
        try
        {
            exit = await DsnCommand.Create().Parse(["--server", url, "--app", "shop", "--env", "local"]).InvokeAsync(cancellationToken: ct);
        }
        finally
        {
            Console.SetOut(console);
            await app.StopAsync(CancellationToken.None);
        }

        exit.Should().Be(0);
        var project = SentryProjects.Open(directory.Path).Find("shop", "local")!;
        output.ToString().Should().Contain($"shop (local), project {project.Id}")
            .And.Contain($"http://{project.PublicKey}@127.0.0.1:{new Uri(url).Port}/{project.Id}")
            .And.Contain($"http://{project.PublicKey}@127.0.0.1:9002/{project.Id}");
    }
}
