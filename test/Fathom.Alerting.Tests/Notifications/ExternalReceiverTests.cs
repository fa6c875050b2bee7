using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fathom.Apps.Config;
using Fathom.Platform.Events;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Fathom.Alerting.Tests.Notifications;

/// <summary>Notifications received by real third-party servers: Prometheus Alertmanager (the Debian package test.sh
/// installs) and an SMTP server.</summary>
public sealed class ExternalReceiverTests
{
    [Fact]
    public async Task Alertmanager_ShowsTheAlarmThroughItsOwnApi()
    {
        var binary = new[] { "/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(binary is null, "prometheus-alertmanager is not installed (test.sh installs it)");
        using var dir = new TempDirectory();
        var port = FreePort();
        dir.Write("alertmanager.yml", "route:\n  receiver: none\nreceivers:\n  - name: none\n");
        using var alertmanager = Process.Start(new ProcessStartInfo(binary!)
        {
            ArgumentList =
            {
                $"--config.file={dir.Combine("alertmanager.yml")}", $"--storage.path={dir.Combine("data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        alertmanager.ErrorDataReceived += (_, _) => { };
        alertmanager.BeginErrorReadLine();
        alertmanager.BeginOutputReadLine();
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}");
            using var http = new HttpClient { BaseAddress = url };
            await WaitUntilAsync(async () => (await TryGetAsync(http, "/-/ready")) == HttpStatusCode.OK);
            await using var rig = new NotificationRig();
            rig.Channels.Add(new NotificationChannelConfig { Name = "am", Type = NotificationChannelType.Alertmanager, Url = url });
            await rig.AppendAsync(PlatformEventKinds.AlarmState, NotificationRig.AlarmPayload("ALARM", "OK"), "a1");

            await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
            await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

            (await rig.Outbox.RecentAsync(null, null, 1, TestContext.Current.CancellationToken)).Single().Status.Should().Be("sent");
            using var alerts = JsonDocument.Parse(await http.GetStringAsync("/api/v2/alerts", TestContext.Current.CancellationToken));
            var labels = alerts.RootElement.EnumerateArray().Single().GetProperty("labels");
            labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()).Should().BeEquivalentTo(new Dictionary<string, string?>
            {
                ["alertname"] = "checkout-errors", ["app"] = "shop", ["env"] = "prod", ["function"] = "checkout", ["severity"] = "critical",
            });
        }
        finally
        {
            alertmanager.Kill(entireProcessTree: true);
            await alertmanager.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Email_ArrivesAtAnSmtpServer()
    {
        var store = new RecordingStore();
        var port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        var server = new SmtpServer.SmtpServer(options, services);
        using var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        try
        {
            await using var rig = new NotificationRig();
            rig.Channels.Add(new NotificationChannelConfig
            {
                Name = "mail", Type = NotificationChannelType.Email, SmtpHost = "127.0.0.1", SmtpPort = port, StartTls = false,
                From = "fathom@example.com", To = ["oncall@example.com"],
            });
            await rig.AppendAsync(PlatformEventKinds.IssueNew, """{"issueId":"9","title":"TypeError: cart is undefined"}""", "i1");

            await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
            await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

            var mail = store.Messages.Should().ContainSingle().Subject;
            mail.Subject.Should().Be("New issue in checkout (shop/prod): TypeError: cart is undefined");
            mail.To.Mailboxes.Select(m => m.Address).Should().Equal("oncall@example.com");
            mail.TextBody.Should().Contain("Function: checkout");
        }
        finally
        {
            server.Shutdown();
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Alertmanager never became ready");
            }

            await Task.Delay(50);
        }
    }

    private sealed class RecordingStore : MessageStore
    {
        public List<MimeMessage> Messages { get; } = [];

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (Messages)
            {
                Messages.Add(message);
            }

            return SmtpResponse.Ok;
        }
    }
}
