using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fathom.Alerting.Notifications;
using Fathom.Apps.Config;
using Fathom.Apps.Resources;
using Fathom.Platform.Events;

namespace Fathom.Alerting.Tests.Notifications;

public sealed class NotificationDeliveryTests
{
    [Fact]
    public async Task Webhook_EachEventOnce_SignedWithHmac()
    {
        var secretEnv = "FATHOM_TEST_HOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(secretEnv, "s3cret");
        await using var receiver = await HttpReceiver.StartAsync();
        await using var rig = new NotificationRig();
        rig.Channels.Add(new NotificationChannelConfig { Name = "ops", Type = NotificationChannelType.Webhook, Url = receiver.Url, SecretEnv = secretEnv });
        var alarm = await rig.AppendAsync(PlatformEventKinds.AlarmState, NotificationRig.AlarmPayload("ALARM", "OK"), "a1");
        await rig.AppendAsync(PlatformEventKinds.AliasMoved, "{}", "moved");
        await rig.AppendAsync(PlatformEventKinds.IssueNew, """{"issueId":"7","title":"TypeError: x is undefined"}""", "i1");
        // A crash after the outbox commit but before the cursor moved: the alarm is expanded again on start.
        await rig.Outbox.AddAsync(NotificationRouting.Expand(alarm, rig.Find("shop", "prod"), DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        await rig.StartAsync();
        await rig.WaitForAsync(d => d.Count == 2 && d.All(x => x.Status == NotificationStatus.Sent));
        (await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken)).Should().Be(0);
        (await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken)).Should().Be(0);

        receiver.Requests.Select(r => r.Headers["X-Fathom-Event"]).Should().Equal("alarm.state", "issue.new");
        foreach (var request in receiver.Requests)
        {
            var timestamp = request.Headers["X-Fathom-Timestamp"];
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}"));
            request.Headers["X-Fathom-Signature"].Should().Be("sha256=" + Convert.ToHexStringLower(mac));
        }

        using var first = JsonDocument.Parse(receiver.Requests.First().Body);
        first.RootElement.GetProperty("title").GetString().Should().Be("[ALARM] checkout-errors (shop/prod checkout)");
        first.RootElement.GetProperty("event").GetProperty("payload").GetProperty("state").GetString().Should().Be("ALARM");
    }

    [Fact]
    public async Task Webhook_ReceiverFailsForAWhile_GetsItOnceItRecovers()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? 500 : 200;
        await using var rig = new NotificationRig();
        rig.Channels.Add(new NotificationChannelConfig { Name = "ops", Type = NotificationChannelType.Webhook, Url = receiver.Url });
        await rig.AppendAsync(PlatformEventKinds.IssueRegression, """{"issueId":"7","title":"boom"}""", "r1");

        await rig.StartAsync();
        var deliveries = await rig.WaitForAsync(d => d.Count == 1 && d[0].Status == NotificationStatus.Sent);

        deliveries[0].Attempts.Should().Be(3);
        receiver.Requests.Select(r => r.Status).Should().Equal(500, 500, 200);
        var failed = await rig.Events.ReadAfterAsync(0, kind: PlatformEventKinds.NotificationFailed, cancellationToken: TestContext.Current.CancellationToken);
        failed.Should().ContainSingle("the first failure is reported once; the retries that follow are not");
        failed[0].Payload.Should().Contain("answered 500");
    }

    [Fact]
    public async Task Webhook_AimedAtThePlatformsOwnPort_IsRefusedVisibly()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var rig = new NotificationRig();
        rig.OwnPorts.Add(receiver.Url.Port);
        rig.Channels.Add(new NotificationChannelConfig { Name = "admin", Type = NotificationChannelType.Webhook, Url = new Uri($"http://localhost:{receiver.Url.Port}/fathom/v1/deploy") });
        await rig.AppendAsync(PlatformEventKinds.IssueNew, """{"issueId":"1","title":"x"}""", "i1");

        await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
        await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

        receiver.Requests.Should().BeEmpty();
        var delivery = (await rig.Outbox.RecentAsync(null, null, 10, TestContext.Current.CancellationToken)).Single();
        delivery.LastError.Should().Contain($"refused by the outbound allowlist").And.Contain($":{receiver.Url.Port} is this Fathom server's own port");
        (await rig.Events.ReadAfterAsync(0, kind: PlatformEventKinds.NotificationFailed, cancellationToken: TestContext.Current.CancellationToken)).Should().ContainSingle();
    }

    [Fact]
    public async Task Webhook_OutsideAnAllowlist_IsRefused()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var rig = new NotificationRig(allow: ["10.0.0.0/8", "hooks.example.com"]);
        rig.Channels.Add(new NotificationChannelConfig { Name = "ops", Type = NotificationChannelType.Webhook, Url = receiver.Url });
        await rig.AppendAsync(PlatformEventKinds.IssueNew, """{"issueId":"1","title":"x"}""", "i1");

        await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
        await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

        receiver.Requests.Should().BeEmpty();
        (await rig.Outbox.RecentAsync(null, null, 10, TestContext.Current.CancellationToken)).Single().LastError.Should().Contain("matches no --notify-allow entry");
    }

    [Fact]
    public async Task Slack_GetsTextAndBlocks()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var rig = new NotificationRig();
        rig.Channels.Add(new NotificationChannelConfig { Name = "team", Type = NotificationChannelType.Slack, Url = new Uri(receiver.Url, "/services/T/B/X") });
        await rig.AppendAsync(PlatformEventKinds.Release, """{"release":5,"reason":"rollback","actor":"ana","rollbackOf":3,"functions":[]}""", "rel", function: null);

        await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
        await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

        var request = receiver.Requests.Single();
        request.Path.Should().Be("/services/T/B/X");
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("text").GetString().Should().Be("shop/prod rolled back to release 3");
        body.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("type").GetString()).Should().Equal("header", "section", "context");
    }

    [Fact]
    public async Task SnsTopic_NamedByAnAlarmAction_GetsTheNotificationEnvelope()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var rig = new NotificationRig();
        const string arn = "arn:aws:sns:us-east-1:000000000000:alerts";
        rig.Topics.Add(new NotificationTopic("Alerts", arn, [new TopicSubscriptionModel("http", new Uri(receiver.Url, "/sns").ToString())]));
        await rig.AppendAsync(PlatformEventKinds.AlarmState, NotificationRig.AlarmPayload("ALARM", "OK", "Alerts"), "a1");
        await rig.AppendAsync(PlatformEventKinds.AlarmState, NotificationRig.AlarmPayload("ALARM", "OK"), "a2");

        await rig.Feed.CatchUpAsync(TestContext.Current.CancellationToken);
        await rig.Worker.SendDueAsync(TestContext.Current.CancellationToken);

        var request = receiver.Requests.Single();
        request.Headers["x-amz-sns-message-type"].Should().Be("Notification");
        using var envelope = JsonDocument.Parse(request.Body);
        envelope.RootElement.GetProperty("Type").GetString().Should().Be("Notification");
        envelope.RootElement.GetProperty("TopicArn").GetString().Should().Be(arn);
        envelope.RootElement.GetProperty("Subject").GetString().Should().Be("ALARM: \"checkout-errors\" in US East (N. Virginia)");
        using var message = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
        message.RootElement.GetProperty("NewStateValue").GetString().Should().Be("ALARM");
        message.RootElement.GetProperty("OldStateValue").GetString().Should().Be("OK");
        var trigger = message.RootElement.GetProperty("Trigger");
        trigger.GetProperty("MetricName").GetString().Should().Be("ErrorRate");
        trigger.GetProperty("Threshold").GetDouble().Should().Be(5);
        trigger.GetProperty("Dimensions")[0].GetProperty("value").GetString().Should().Be("checkout");
    }
}
