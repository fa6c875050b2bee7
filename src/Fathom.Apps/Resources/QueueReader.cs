namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::SQS::Queue</c>; consumers are linked from the functions' SQS events.</summary>
internal static class QueueReader
{
    public static QueueModel Read(TemplateContext context, ResourceEntry entry, IEnumerable<FunctionModel> functions)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var name = context.Resources.NameOf(entry);
        var arn = context.Resources.QueueArn(name);
        var fifo = p.Bool("FifoQueue") ?? false;
        if (fifo && !name.EndsWith(".fifo", StringComparison.Ordinal) && p.Raw("QueueName") is not null)
        {
            context.Diagnostics.Error(p.Raw("QueueName")!, $"{entry.LogicalId} is a FIFO queue, so its QueueName must end in '.fifo'");
        }

        var redrive = p.Map("RedrivePolicy");
        var consumers = functions
            .SelectMany(f => f.Events.OfType<SqsEventModel>().Where(e => e.QueueArn == arn).Select(e => new QueueConsumerModel
            {
                FunctionName = f.Name,
                EventName = e.Name,
                BatchSize = e.BatchSize,
                MaximumBatchingWindowInSeconds = e.MaximumBatchingWindowInSeconds,
                Enabled = e.Enabled,
                ReportBatchItemFailures = e.ReportBatchItemFailures,
            }))
            .ToList();
        return new QueueModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = arn,
            Url = context.Resources.QueueUrl(name),
            Fifo = fifo,
            VisibilityTimeoutSeconds = p.Int("VisibilityTimeout", 0, 43200, " s") ?? 30,
            MessageRetentionSeconds = p.Int("MessageRetentionPeriod", 60, 1_209_600, " s") ?? 345_600,
            DelaySeconds = p.Int("DelaySeconds", 0, 900, " s") ?? 0,
            DeadLetterTargetArn = redrive?.String("deadLetterTargetArn"),
            MaxReceiveCount = redrive?.Int("maxReceiveCount", 1, 1000),
            Consumers = consumers,
        };
    }
}
