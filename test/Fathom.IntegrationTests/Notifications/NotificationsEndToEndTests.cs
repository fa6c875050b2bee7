using System.Diagnostics;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Notifications;

/// <summary><c>fathom up</c> as a process with a webhook channel in <c>fathom.yaml</c>: a delivery pending when the
/// platform is killed with SIGKILL arrives after the restart; the CLI lists deliveries and sends a test message.</summary>
public sealed class NotificationsEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillNine_WithADeliveryPending_DeliversItAfterRestart()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.Answer = _ => 503;
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await File.WriteAllTextAsync(app.PathOf("fathom.yaml"), $"""
            notifications:
              channels:
                ops:
                  type: webhook
                  url: {receiver.Url}hook
                  events: [release, rollback]
            """, Ct);

        var up = await FathomUp.StartAsync(app.Directory);
        await using (up)
        {
            await receiver.WaitForAsync(r => r.Status == 503 && IsFirstRelease(r.Body), "the first release's notification (refused with 503)");
            using var kill = Process.Start("kill", ["-KILL", up.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync(Ct);
            var deadline = Stopwatch.StartNew();
            while (!up.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50, Ct);
            }

            up.ExitCode.Should().Be(137, "killed by SIGKILL, as kill -9 would");
        }

        receiver.Answer = _ => 200;
        await using var restarted = await FathomUp.StartAsync(app.Directory);
        await receiver.WaitForAsync(r => r.Status == 200 && IsFirstRelease(r.Body), "the first release's notification after the restart");

        var list = await FathomCli.RunAsync(app.Directory, ["notifications", "--json", "--server", restarted.AdminUrl.ToString()]);
        list.ExitCode.Should().Be(0, list.StandardError);
        var delivery = JsonNode.Parse(list.StandardOutput)!["deliveries"]!.AsArray()
            .Single(d => d!["event"]!["kind"]!.GetValue<string>() == "release" && d["status"]!.GetValue<string>() == "sent");
        // (Its attempts may read 1: the kill can land after the receiver answered 503 but before the failure was recorded.)
        delivery!["channel"]!.GetValue<string>().Should().Be("ops");

        var test = await FathomCli.RunAsync(app.Directory, ["notifications", "test", "ops", "--server", restarted.AdminUrl.ToString()]);
        test.ExitCode.Should().Be(0, test.StandardError);
        test.StandardOutput.Should().Contain("Sent a test message to ops");
        receiver.Requests.Should().Contain(r => r.Headers["X-Fathom-Event"] == "test");
        receiver.Requests.Count(r => r.Status == 200 && IsFirstRelease(r.Body)).Should().Be(1, "a delivered notification is not sent again");

        // A channel aimed at the platform's own admin port (say, to call its API) is refused, visibly.
        await File.WriteAllTextAsync(app.PathOf("fathom.yaml"), $"""
            notifications:
              channels:
                ops:
                  type: webhook
                  url: {receiver.Url}hook
                  events: [release, rollback]
                self:
                  type: webhook
                  url: {restarted.AdminUrl}fathom/v1/rollback
                  events: [uptime]
            """, Ct);
        var self = await WhenReloadedAsync(app, restarted, "self");
        self.ExitCode.Should().Be(1, self.ToString());
        self.StandardError.Should().Contain("refused by the outbound allowlist").And.Contain($":{restarted.AdminUrl.Port} is this Fathom server's own port");
    }

    /// <summary>Runs <c>fathom notifications test CHANNEL</c> until the reload that adds the channel has happened.</summary>
    private static async Task<CliResult> WhenReloadedAsync(TempApp app, FathomUp up, string channel)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = await FathomCli.RunAsync(app.Directory, ["notifications", "test", channel, "--server", up.AdminUrl.ToString()]);
            if (!result.StandardError.Contains("no notification channel named", StringComparison.Ordinal) || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                return result;
            }

            await Task.Delay(200, Ct);
        }
    }

    private static bool IsFirstRelease(string body)
    {
        var e = JsonNode.Parse(body)?["event"];
        return e?["kind"]?.GetValue<string>() == "release" && e["payload"]?["release"]?.GetValue<int>() == 1;
    }
}
