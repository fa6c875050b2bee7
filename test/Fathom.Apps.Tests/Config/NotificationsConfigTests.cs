using Fathom.Apps.Config;

namespace Fathom.Apps.Tests.Config;

public sealed class NotificationsConfigTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
              Handler: index.handler
              Runtime: nodejs20.x
          Alerts:
            Type: AWS::SNS::Topic
            Properties:
              Subscription:
                - Protocol: https
                  Endpoint: https://hooks.example.com/sns
                - Protocol: email
                  Endpoint: oncall@example.com
        """;

    private static AppLoadResult Load(TempDirectory temp, string yaml)
    {
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", yaml);
        return AppLoader.Load(temp.Path, AppLoadOptions.Default);
    }

    [Fact]
    public void Load_EveryChannelType_IsReadWithDefaults()
    {
        using var temp = new TempDirectory();

        var result = Load(temp, """
            notifications:
              channels:
                ops-hook:
                  type: webhook
                  url: https://hooks.example.com/fathom
                  secretEnv: FATHOM_HOOK_SECRET
                  events: [alarm, release]
                team:
                  type: slack
                  url: https://hooks.slack.com/services/T/B/X
                am:
                  type: alertmanager
                  url: http://127.0.0.1:9093
                mail:
                  type: email
                  host: smtp.example.com
                  from: fathom@example.com
                  to: [oncall@example.com, dev@example.com]
                  usernameEnv: SMTP_USER
                  passwordEnv: SMTP_PASSWORD
            """);

        result.Errors.Should().BeEmpty();
        var channels = result.Model!.Config.Notifications.Channels;
        channels.Select(c => (c.Name, c.Type)).Should().Equal(
            ("ops-hook", NotificationChannelType.Webhook), ("team", NotificationChannelType.Slack),
            ("am", NotificationChannelType.Alertmanager), ("mail", NotificationChannelType.Email));
        channels[0].SecretEnv.Should().Be("FATHOM_HOOK_SECRET");
        channels[0].Events.Should().Equal("alarm", "release");
        channels[1].Events.Should().Equal("alarm", "issue.new", "issue.regression", "rollback");
        channels[3].SmtpPort.Should().Be(587);
        channels[3].StartTls.Should().BeTrue();
        channels[3].To.Should().Equal("oncall@example.com", "dev@example.com");
        result.Model.Topics.Single().Subscriptions.Should().Equal(
            new Fathom.Apps.Resources.TopicSubscriptionModel("https", "https://hooks.example.com/sns"),
            new Fathom.Apps.Resources.TopicSubscriptionModel("email", "oncall@example.com"));
    }

    [Fact]
    public void Load_BadChannels_AreReportedWithLocations()
    {
        using var temp = new TempDirectory();

        var result = Load(temp, """
            notifications:
              channels:
                a:
                  type: webhok
                  url: https://x.example
                b:
                  type: webhook
                  url: ftp://x.example
                  secretEnv: "s3cr3t value"
                c:
                  type: slack
                  url: https://x.example
                  events: [alarms]
                  colour: red
                d:
                  type: email
                  host: smtp.example.com
                  to: nobody
            """);

        result.Errors.Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (4, 13, "'notifications.channels.a.type' must be one of webhook, slack, alertmanager, email, not 'webhok'; did you mean 'webhook'?"),
            (8, 12, "'notifications.channels.b.url' must be an absolute http:// or https:// URL, not 'ftp://x.example'"),
            (9, 18, "'notifications.channels.b.secretEnv' names an environment variable of the server (such as FATHOM_HOOK_SECRET), not 's3cr3t value'; the secret itself never goes in fathom.yaml"),
            (13, 16, "'notifications.channels.c.events' has 'alarms', which is not one of alarm, issue.new, issue.regression, rollback, release, rollout, uptime; did you mean 'alarm'?"),
            (14, 7, "unknown setting 'notifications.channels.c.colour'"),
            (16, 7, "'notifications.channels.d.from' is required: the sender's address"),
            (18, 11, "'notifications.channels.d.to' has 'nobody', which is not an email address"));
    }
}
