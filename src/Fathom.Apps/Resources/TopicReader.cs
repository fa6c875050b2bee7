namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::SNS::Topic</c>; subscribers are linked from the functions' SNS events.</summary>
internal static class TopicReader
{
    public static TopicModel Read(TemplateContext context, ResourceEntry entry, IEnumerable<FunctionModel> functions)
    {
        var name = context.Resources.NameOf(entry);
        var arn = context.Resources.TopicArn(name);
        return new TopicModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = arn,
            Subscribers = [.. functions.Where(f => f.Events.OfType<SnsEventModel>().Any(e => e.TopicArn == arn)).Select(f => f.Name)],
            Subscriptions = ReadSubscriptions(context, entry),
        };
    }

    private static List<TopicSubscriptionModel> ReadSubscriptions(TemplateContext context, ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var subscriptions = new List<TopicSubscriptionModel>();
        if (p.Node("Subscription") is not Templates.SequenceNode list)
        {
            return subscriptions;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is not Templates.MappingNode map)
            {
                context.Diagnostics.Error(list.Items[i], $"{entry.LogicalId}.Subscription[{i}] must be a mapping with Protocol and Endpoint");
                continue;
            }

            var item = new PropertyReader(context, map, $"{entry.LogicalId}.Subscription[{i}]");
            if (item.String("Protocol") is { } protocol && item.String("Endpoint") is { } endpoint)
            {
                subscriptions.Add(new TopicSubscriptionModel(protocol.ToLowerInvariant(), endpoint));
            }
        }

        return subscriptions;
    }
}
