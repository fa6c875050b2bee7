using Fathom.Alerting.Notifications;
using Fathom.Apps.Config;
using Fathom.Apps.Resources;
using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Alerting;

public sealed class EnvironmentNotificationChannelsTests
{
    [Fact]
    public void EnvironmentRecord_WithNotifications_KeepsChannelsAndTopicsAcrossARestart()
    {
        using var temp = new TempDirectory();
        var targets = new NotificationTargets(
            [
                new NotificationChannelConfig { Name = "ops", Type = NotificationChannelType.Webhook, Url = new Uri("https://hooks.example.com/x"), SecretEnv = "HOOK_SECRET", Events = ["alarm", "release"] },
                new NotificationChannelConfig { Name = "mail", Type = NotificationChannelType.Email, SmtpHost = "smtp.example.com", SmtpPort = 25, StartTls = false, From = "a@example.com", To = ["b@example.com"] },
            ],
            [new NotificationTopic("Alerts", "arn:aws:sns:us-east-1:000000000000:alerts", [new TopicSubscriptionModel("https", "https://hooks.example.com/sns")])]);

        EnvironmentRecordFile.Write(temp.Path, new EnvironmentRecord { App = "shop", Environment = "prod", Port = 3000, Notifications = targets });
        var read = EnvironmentRecordFile.ReadAll(temp.Path, (_, e) => throw e).Single().Notifications!;

        read.Channels.Should().BeEquivalentTo(targets.Channels);
        read.Topics.Single().Subscriptions.Should().Equal(targets.Topics[0].Subscriptions);
        read.Topics.Single().IsNamedBy("Alerts").Should().BeTrue();
    }
}
