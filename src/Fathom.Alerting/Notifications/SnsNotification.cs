using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Alerting.Notifications;

/// <summary>An alarm transition as SNS delivers it to an https subscription: the Notification envelope around the JSON
/// message CloudWatch publishes. Fathom cannot sign as AWS: <c>Signature</c> and <c>SigningCertURL</c> are empty, and
/// no SubscriptionConfirmation is sent (the template names the endpoint; the allowlist guards where it may point).</summary>
internal static class SnsNotification
{
    public static string Envelope(NotificationDelivery delivery, NotificationMessage message, out string messageId)
    {
        var arn = delivery.Target.TopicArn ?? "";
        messageId = MessageId(delivery);
        return new JsonObject
        {
            ["Type"] = "Notification",
            ["MessageId"] = messageId,
            ["TopicArn"] = arn,
            ["Subject"] = Subject(message, arn),
            ["Message"] = CloudWatchMessage(message, arn),
            ["Timestamp"] = NotificationPayloads.Iso(message.Event.Time),
            ["SignatureVersion"] = "1",
            ["Signature"] = "",
            ["SigningCertURL"] = "",
            ["UnsubscribeURL"] = "",
        }.ToJsonString();
    }

    /// <summary>CloudWatch's subject line, cut to SNS's 100 characters.</summary>
    public static string Subject(NotificationMessage message, string topicArn)
    {
        var subject = $"{Str(message, "state")}: \"{Str(message, "alarm")}\" in {Region(topicArn)}";
        return subject.Length <= 100 ? subject : subject[..100];
    }

    /// <summary>The JSON message CloudWatch publishes for an alarm state change (AlarmName, NewStateValue, Trigger, ...).</summary>
    public static string CloudWatchMessage(NotificationMessage message, string topicArn)
    {
        var e = message.Event;
        var parts = topicArn.Split(':');
        var region = parts.Length > 4 ? parts[3] : "us-east-1";
        var account = parts.Length > 4 ? parts[4] : "000000000000";
        var name = Str(message, "alarm");
        var dimensions = new JsonArray();
        if (e.Function is not null)
        {
            dimensions.Add(new JsonObject { ["value"] = e.Function, ["name"] = "FunctionName" });
        }

        var statistic = Str(message, "statistic");
        var extended = statistic.StartsWith('p');
        return new JsonObject
        {
            ["AlarmName"] = name,
            ["AlarmDescription"] = Nullable(Str(message, "description")),
            ["AWSAccountId"] = account,
            ["AlarmConfigurationUpdatedTimestamp"] = CloudWatchTime(e.Time),
            ["NewStateValue"] = Str(message, "state"),
            ["NewStateReason"] = Str(message, "reason"),
            ["StateChangeTime"] = CloudWatchTime(e.Time),
            ["Region"] = Region(topicArn),
            ["AlarmArn"] = $"arn:aws:cloudwatch:{region}:{account}:alarm:{name}",
            ["OldStateValue"] = Str(message, "previousState"),
            ["OKActions"] = Array(message, "okActions"),
            ["AlarmActions"] = Array(message, "alarmActions"),
            ["InsufficientDataActions"] = Array(message, "insufficientDataActions"),
            ["Trigger"] = new JsonObject
            {
                ["MetricName"] = Str(message, "metric"),
                ["Namespace"] = Str(message, "namespace"),
                ["StatisticType"] = extended ? "ExtendedStatistic" : "Statistic",
                [extended ? "ExtendedStatistic" : "Statistic"] = extended ? statistic : statistic.ToUpperInvariant(),
                ["Unit"] = null,
                ["Dimensions"] = dimensions,
                ["Period"] = Number(message, "periodSeconds"),
                ["EvaluationPeriods"] = Number(message, "evaluationPeriods") ?? 1,
                ["ComparisonOperator"] = Str(message, "comparison"),
                ["Threshold"] = Number(message, "threshold"),
                ["TreatMissingData"] = Nullable(Str(message, "treatMissingData")),
                ["EvaluateLowSampleCountPercentile"] = "",
            },
        }.ToJsonString();
    }

    /// <summary>Stable across retries, so a receiver can drop a repeat the way it would drop SNS's.</summary>
    private static string MessageId(NotificationDelivery delivery)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{delivery.App}/{delivery.Environment}/{delivery.Target.Name}/{delivery.EventId}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string CloudWatchTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private static string Region(string topicArn)
    {
        var parts = topicArn.Split(':');
        var code = parts.Length > 3 ? parts[3] : "us-east-1";
        return code switch
        {
            "us-east-1" => "US East (N. Virginia)",
            "us-east-2" => "US East (Ohio)",
            "us-west-1" => "US West (N. California)",
            "us-west-2" => "US West (Oregon)",
            "eu-west-1" => "EU (Ireland)",
            "eu-central-1" => "EU (Frankfurt)",
            _ => code,
        };
    }

    private static string Str(NotificationMessage message, string name) =>
        message.Payload.ValueKind == JsonValueKind.Object && message.Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static JsonNode? Nullable(string text) => text.Length == 0 ? null : text;

    private static double? Number(NotificationMessage message, string name) =>
        message.Payload.ValueKind == JsonValueKind.Object && message.Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static JsonArray Array(NotificationMessage message, string name) =>
        message.Payload.ValueKind == JsonValueKind.Object && message.Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? JsonNode.Parse(v.GetRawText())!.AsArray()
            : [];
}
