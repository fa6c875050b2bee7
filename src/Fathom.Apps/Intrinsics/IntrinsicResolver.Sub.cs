using System.Text;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Intrinsics;

internal sealed partial class IntrinsicResolver
{
    /// <summary>
    /// <c>Fn::Sub</c> in both forms: <c>${Name}</c> is a Ref, <c>${Res.Attr}</c> a GetAtt, <c>${!Text}</c> the literal
    /// <c>${Text}</c>; the two-argument form's variables come first.
    /// </summary>
    private TemplateNode Sub(MappingNode node, TemplateNode argument)
    {
        ScalarNode? template;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (argument is SequenceNode { Items.Count: 2 } pair && pair.Items[0] is ScalarNode text && pair.Items[1] is MappingNode map)
        {
            template = text;
            foreach (var entry in map.Entries)
            {
                variables[entry.Name] = ResolveText(entry.Value) ?? Invalid(entry.Value, $"Fn::Sub variable '{entry.Name}' must resolve to a string").Value;
            }
        }
        else
        {
            template = argument as ScalarNode;
        }

        if (template is null)
        {
            return Invalid(argument, "Fn::Sub takes a string, or [string, { Name: value, ... }]");
        }

        if (template.Value.Contains("{{resolve:", StringComparison.Ordinal))
        {
            context.Diagnostics.Warning(template, $"dynamic reference in '{template.Value}' is kept unresolved: Fathom cannot read SSM or Secrets Manager");
        }

        var result = new StringBuilder();
        foreach (var part in SubTemplate.Parse(template.Value))
        {
            if (part.IsLiteral)
            {
                result.Append(part.Text);
            }
            else if (variables.TryGetValue(part.Text, out var value))
            {
                result.Append(value);
            }
            else
            {
                result.Append(SubVariable(part.Text, template));
            }
        }

        return Text(node.Location, result.ToString());
    }

    private string SubVariable(string name, ScalarNode template)
    {
        if (context.Pseudo.TryGet(name, out _) || context.Parameters.TryGet(name, out _) || context.Resources.TryGet(name, out _) || context.IsDeclaredParameter(name))
        {
            return Ref(name, template.Location) switch
            {
                ScalarNode scalar => scalar.Value,
                SequenceNode list => string.Join(",", list.Items.OfType<ScalarNode>().Select(s => s.Value)),
                _ => string.Empty,
            };
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && context.Resources.TryGet(name[..dot], out _))
        {
            return Attribute(name[..dot], name[(dot + 1)..], template.Location) ?? string.Empty;
        }

        context.Diagnostics.Error(template, SubUnknownMessage(name));
        return string.Empty;
    }

    public string SubUnknownMessage(string name) =>
        $"unknown variable '${{{name}}}' in Fn::Sub: no parameter, resource or pseudo parameter has that name{Validation.Suggestions.Hint(name, context.ReferenceNames, context.Hints)}";
}
