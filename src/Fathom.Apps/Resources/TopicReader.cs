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
        };
    }
}
