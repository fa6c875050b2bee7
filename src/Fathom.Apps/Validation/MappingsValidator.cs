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

        // A function is reported once, not again for what it contains.
        foreach (var node in TemplateWalk.Nodes(section, descend: n => n is not MappingNode m || !m.IsIntrinsic(out _, out _)))
        {
            if (node is MappingNode map && map.IsIntrinsic(out var name, out _))
            {
                context.Diagnostics.Error(map, $"Mappings hold plain values; {name} cannot be used in them");
            }
        }
    }
}
