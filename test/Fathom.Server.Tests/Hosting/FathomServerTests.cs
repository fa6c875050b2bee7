using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fathom.Server.Hosting;
using Fathom.Server.Tests.Support;

namespace Fathom.Server.Tests.Hosting;

public sealed class FathomServerTests
{
    [Fact]
    public async Task StartAsync_PortsZero_BindsTwoLoopbackPortsAndWritesServerJson()
    {
        await using var fixture = await TestServer.CreateAsync();
        var server = fixture.Server;
        var data = fixture.DataDirectory;

        await server.StartAsync(TestContext.Current.CancellationToken);

        server.AppUrl.Host.Should().Be("127.0.0.1");
        server.AppUrl.Port.Should().BeGreaterThan(0).And.NotBe(server.AdminUrl.Port);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "server.json"), TestContext.Current.CancellationToken)).RootElement;
        json.GetProperty("appUrl").GetString().Should().Be($"http://127.0.0.1:{server.AppUrl.Port}");
        json.GetProperty("adminUrl").GetString().Should().Be($"http://127.0.0.1:{server.AdminUrl.Port}");
        json.GetProperty("pid").GetInt32().Should().Be(Environment.ProcessId);
        json.GetProperty("startedAt").GetString().Should().EndWith("Z");
        json.GetProperty("startedAt").GetDateTimeOffset().Should().Be(server.StartedAt);

        ServerInfo.Read(data)!.AdminUrl.Should().Be(json.GetProperty("adminUrl").GetString());

        await server.StopAsync(TestContext.Current.CancellationToken);

        ServerInfo.Read(data).Should().BeNull();
        File.Exists(Path.Combine(data, "server.json")).Should().BeFalse();
    }

    [Fact]
    public async Task AppPort_ServesRoutesButNotTheAdminApi()
    {
        await using var fixture = await TestServer.CreateAsync();
        var server = fixture.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        using var route = await client.GetAsync(new Uri(server.AppUrl, "/hello"), TestContext.Current.CancellationToken);
        using var admin = await client.GetAsync(new Uri(server.AppUrl, "/fathom/v1/status"), TestContext.Current.CancellationToken);
        using var invoke = await client.PostAsync(new Uri(server.AppUrl, "/2015-03-31/functions/hello/invocations"), null, TestContext.Current.CancellationToken);

        route.StatusCode.Should().Be(HttpStatusCode.OK);
        (await route.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("hello from 1");
        admin.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message":"Not Found"}""");
        invoke.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminPort_StatusListsFunctionsVersionsAndRoutes()
    {
        await using var fixture = await TestServer.CreateAsync();
        var server = fixture.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = server.AdminUrl };

        using var response = await client.GetAsync("/fathom/v1/status", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        status.GetProperty("appUrl").GetString().Should().Be(server.AppUrl.ToString().TrimEnd('/'));
        var function = status.GetProperty("functions").EnumerateArray().Single();
        function.GetProperty("name").GetString().Should().Be("hello");
        function.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal("1");
        function.GetProperty("aliases")[0].GetProperty("functionVersion").GetString().Should().Be("1");
        var route = status.GetProperty("routes").EnumerateArray().Single();
        route.GetProperty("method").GetString().Should().Be("GET");
        route.GetProperty("path").GetString().Should().Be("/hello");
        route.GetProperty("functionName").GetString().Should().Be("hello");
        route.GetProperty("qualifier").GetString().Should().Be("live");
        route.GetProperty("stage").GetString().Should().Be("$default");
    }

    [Fact]
    public async Task AdminPort_InvokeApiAndProblemJsonForUnknownPaths()
    {
        await using var fixture = await TestServer.CreateAsync();
        var server = fixture.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = server.AdminUrl };

        using var invoke = await client.PostAsync("/2015-03-31/functions/hello/invocations?Qualifier=live", null, TestContext.Current.CancellationToken);
        using var unknown = await client.GetAsync("/fathom/v1/nothing-here", TestContext.Current.CancellationToken);

        invoke.StatusCode.Should().Be(HttpStatusCode.OK);
        invoke.Headers.GetValues("X-Amz-Executed-Version").Single().Should().Be("1");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task StartAsync_AppPortInUse_ThrowsAClearMessage()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var fixture = await TestServer.CreateAsync(appPort: port);
        var server = fixture.Server;

        var start = () => server.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ServerStartException>())
            .Which.Message.Should().Be($"port {port} is already in use; pass --port 0 to pick a free port, or stop the process using it");
    }

    [Fact]
    public async Task StartAsync_AdminPortInUse_NamesTheAdminPort()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var fixture = await TestServer.CreateAsync(adminPort: port);
        var server = fixture.Server;

        var start = () => server.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ServerStartException>()).Which.Message.Should().StartWith($"port {port} is already in use; pass --admin-port 0");
    }
}
