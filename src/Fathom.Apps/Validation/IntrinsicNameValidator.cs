using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Reports functions CloudFormation does not have (<c>Fn::Bogus</c>) wherever they are written: in resources,
/// Globals, outputs and conditions, including values nothing reads, so a typo cannot pass as an unresolved value.</summary>
internal sealed class IntrinsicNameValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        var pending = new Stack<TemplateNode>();
        foreach (var section in (string[])["Resources", "Globals", "Outputs", "Conditions"])
        {
            if (context.Root[section] is { } node)
            {
                pending.Push(node);
            }
        }

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
                case MappingNode map:
                    if (map.IsIntrinsic(out var name, out _) && !IntrinsicNames.IsKnown(name))
                    {
                        context.Diagnostics.Error(map, IntrinsicNames.UnknownMessage(name));
                    }

                    foreach (var entry in map.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
            }
        }
    }
}
