using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>
/// <c>Mappings</c> hold plain values: CloudFormation allows no functions, parameters or pseudo parameters there, and
/// <c>Fn::FindInMap</c> returns them as written. A function in a mapping is reported where it is.
/// </summary>
internal sealed class MappingsValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        if (context.Root["Mappings"] is not { } section)
        {
            return;
        }

        var pending = new Stack<TemplateNode>();
        pending.Push(section);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case SequenceNode list:
                    foreach (var item in list.Items)
                    {
                        pending.Push(item);
                    }

                    break;
                case MappingNode map when map.IsIntrinsic(out var name, out _):
                    context.Diagnostics.Error(map, $"Mappings hold plain values; {name} cannot be used in them");
                    break;
                case MappingNode map:
                    foreach (var entry in map.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
            }
        }
    }
}
