using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Reports functions CloudFormation does not have (<c>Fn::Bogus</c>) wherever they are written: in resources,
/// Globals, outputs and conditions, including values nothing reads, so a typo cannot pass as an unresolved value.</summary>
internal sealed class IntrinsicNameValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        var sections = ((string[])["Resources", "Globals", "Outputs", "Conditions"]).Select(name => context.Root[name]).OfType<TemplateNode>();
        foreach (var node in TemplateWalk.Nodes(sections))
        {
            if (node is MappingNode map && map.IsIntrinsic(out var name, out _) && !IntrinsicNames.IsKnown(name))
            {
                context.Diagnostics.Error(map, IntrinsicNames.UnknownMessage(name));
            }
        }
    }
}
