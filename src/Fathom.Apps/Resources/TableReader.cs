namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::Serverless::SimpleTable</c>.</summary>
internal static class TableReader
{
    public static TableModel Read(TemplateContext context, ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var key = p.Map("PrimaryKey");
        var name = context.Resources.NameOf(entry);
        return new TableModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = context.Resources.TableArn(name),
            PrimaryKeyName = key?.String("Name") ?? "id",
            PrimaryKeyType = key?.String("Type") ?? "String",
        };
    }
}
