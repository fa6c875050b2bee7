using System.Globalization;
using System.Text;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Intrinsics;

/// <summary>
/// Evaluates intrinsic functions in a node tree. Values that only exist in a real AWS account (imports, AZs, CIDR
/// blocks, dynamic references) are kept unresolved with a warning naming where they are.
/// </summary>
internal sealed partial class IntrinsicResolver(TemplateContext context)
{
    private static readonly string[] Unresolvable = [IntrinsicNames.ImportValue, IntrinsicNames.Cidr, IntrinsicNames.GetAZs];

    /// <summary>The tree with intrinsics evaluated; null when the value is <c>AWS::NoValue</c>.</summary>
    public TemplateNode? Resolve(TemplateNode node)
    {
        if (!TryEnter(node))
        {
            return Failed(node.Location);
        }

        try
        {
            return ResolveCore(node);
        }
        finally
        {
            Exit();
        }
    }

    private TemplateNode? ResolveCore(TemplateNode node)
    {
        switch (node)
        {
            case ScalarNode scalar:
                if (scalar.Value.Contains("{{resolve:", StringComparison.Ordinal))
                {
                    context.Diagnostics.Warning(scalar, $"dynamic reference '{scalar.Value}' is kept unresolved: Fathom cannot read SSM or Secrets Manager");
                }

                return scalar;
            case SequenceNode list:
                return new SequenceNode(list.Location, [.. list.Items.Select(Resolve).OfType<TemplateNode>()]);
            case MappingNode map when map.IsIntrinsic(out var name, out var argument):
                return Evaluate(map, name, argument);
            case MappingNode map:
                var entries = new List<TemplateEntry>();
                foreach (var entry in map.Entries)
                {
                    if (Resolve(entry.Value) is { } value)
                    {
                        entries.Add(new TemplateEntry(entry.Key, value));
                    }
                }

                return new MappingNode(map.Location, entries);
            default:
                return node;
        }
    }

    /// <summary>
    /// The node resolved to text: scalars as written, unresolved intrinsics as a readable placeholder; null for lists
    /// and mappings (the caller reports the type error) and for <c>AWS::NoValue</c>.
    /// </summary>
    public string? ResolveText(TemplateNode node) => Resolve(node) switch
    {
        ScalarNode scalar => scalar.IsNull ? string.Empty : scalar.Value,
        MappingNode map when IsUnresolved(map) => Placeholder(map),
        _ => null,
    };

    /// <summary>True for an intrinsic kept as is because it needs a real AWS account.</summary>
    public static bool IsUnresolved(MappingNode map) => map.IsIntrinsic(out var name, out _) && !IsResolvable(name);

    public static string Placeholder(MappingNode map)
    {
        map.IsIntrinsic(out var name, out var argument);
        return argument is ScalarNode scalar ? $"{name}({scalar.Value})" : $"{name}(...)";
    }

    private static bool IsResolvable(string name) => name is IntrinsicNames.Ref or IntrinsicNames.Condition or IntrinsicNames.Sub
        or IntrinsicNames.GetAtt or IntrinsicNames.Join or IntrinsicNames.Select or IntrinsicNames.Split or IntrinsicNames.If
        or IntrinsicNames.EqualsFn or IntrinsicNames.And or IntrinsicNames.Or or IntrinsicNames.Not or IntrinsicNames.FindInMap
        or IntrinsicNames.Base64;

    private TemplateNode? Evaluate(MappingNode node, string name, TemplateNode argument)
    {
        var at = node.Location;
        switch (name)
        {
            case IntrinsicNames.Ref:
                if (argument is not ScalarNode target)
                {
                    context.Diagnostics.Error(argument, "Ref takes the name of a parameter, resource or pseudo parameter");
                    return Text(at, string.Empty);
                }

                return Ref(target.Value, target.Location);
            case IntrinsicNames.Condition:
                return argument is ScalarNode condition
                    ? Text(at, Bool(context.Conditions.Evaluate(condition.Value, condition.Location)))
                    : Invalid(argument, "Condition takes a condition name");
            case IntrinsicNames.Sub:
                return Sub(node, argument);
            case IntrinsicNames.GetAtt:
                return GetAtt(node, argument);
            case IntrinsicNames.Join:
                return Join(node, argument);
            case IntrinsicNames.Select:
                return Select(node, argument);
            case IntrinsicNames.Split:
                return Split(node, argument);
            case IntrinsicNames.If:
                return If(argument);
            case IntrinsicNames.EqualsFn or IntrinsicNames.And or IntrinsicNames.Or or IntrinsicNames.Not:
                return Text(at, Bool(context.Conditions.EvaluateExpression(node)));
            case IntrinsicNames.FindInMap:
                return FindInMap(argument);
            case IntrinsicNames.Base64:
                var plain = ResolveText(argument);
                return plain is null
                    ? Invalid(argument, "Fn::Base64 takes a string")
                    : Text(at, Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)));
            default:
                if (!IntrinsicNames.IsKnown(name))
                {
                    return Invalid(node, IntrinsicNames.UnknownMessage(name));
                }

                var why = Unresolvable.Contains(name)
                    ? "it needs a real AWS account"
                    : "Fathom does not evaluate this function";
                context.Diagnostics.Warning(node, $"{name} is kept unresolved ({why}); its value is '{Placeholder(node)}'");
                return node;
        }
    }

    private TemplateNode? Ref(string target, SourceLocation at)
    {
        if (context.Pseudo.TryGet(target, out var pseudo))
        {
            return target switch
            {
                PseudoParameters.NoValue => null,
                "AWS::NotificationARNs" => new SequenceNode(at, []),
                _ => Text(at, pseudo!),
            };
        }

        if (context.Parameters.TryGet(target, out var parameter))
        {
            return parameter.ToNode(at);
        }

        if (context.Resources.TryGet(target, out var resource))
        {
            return Text(at, context.Resources.RefValue(resource));
        }

        // SAM lets `!Ref Function.Alias` and `!Ref Function.Version` name the published alias and version.
        var dot = target.LastIndexOf('.');
        if (dot > 0 && context.Resources.TryGet(target[..dot], out var function) && target[(dot + 1)..] is "Alias" or "Version")
        {
            var arn = context.Resources.FunctionArn(context.Resources.NameOf(function));
            var alias = (function.Properties["AutoPublishAlias"] as ScalarNode)?.Value ?? "live";
            return Text(at, target.EndsWith(".Alias", StringComparison.Ordinal) ? $"{arn}:{alias}" : $"{arn}:1");
        }

        // A declared parameter without a value is already reported where it is declared.
        if (!context.IsDeclaredParameter(target))
        {
            context.Diagnostics.Error(at, context.UnknownReferenceMessage(target));
        }

        return Failed(at);
    }

    private TemplateNode GetAtt(MappingNode node, TemplateNode argument)
    {
        string? resourceId = null;
        string? attribute = null;
        var at = argument.Location;
        if (argument is SequenceNode { Items.Count: 2 } pair && pair.Items[0] is ScalarNode first)
        {
            resourceId = first.Value;
            attribute = ResolveText(pair.Items[1]);
            at = first.Location;
        }
        else if (argument is ScalarNode dotted && dotted.Value.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            resourceId = dotted.Value[..dot];
            attribute = dotted.Value[(dot + 1)..];
        }

        if (resourceId is null || attribute is null)
        {
            return Invalid(argument, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"");
        }

        return Attribute(resourceId, attribute, at) is { } value ? Text(node.Location, value) : Failed(node.Location);
    }

    private string? Attribute(string resourceId, string attribute, SourceLocation at)
    {
        if (!context.Resources.TryGet(resourceId, out var resource))
        {
            context.Diagnostics.Error(at, $"Fn::GetAtt refers to unknown resource '{resourceId}'{Validation.Suggestions.Hint(resourceId, context.Resources.All.Select(r => r.LogicalId), context.Hints)}");
            return null;
        }

        var value = context.Resources.AttributeValue(resource, attribute, out var error);
        if (error is not null)
        {
            context.Diagnostics.Error(at, error);
        }

        return value;
    }

    private TemplateNode Join(MappingNode node, TemplateNode argument)
    {
        if (argument is not SequenceNode { Items.Count: 2 } pair || ResolveText(pair.Items[0]) is not { } delimiter)
        {
            return Invalid(argument, "Fn::Join takes [delimiter, [values...]]");
        }

        var values = ResolveList(pair.Items[1], IntrinsicNames.Join);
        return values is null ? Failed(node.Location) : Text(node.Location, string.Join(delimiter, values));
    }

    private TemplateNode Select(MappingNode node, TemplateNode argument)
    {
        if (argument is not SequenceNode { Items.Count: 2 } pair
            || !int.TryParse(ResolveText(pair.Items[0]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            return Invalid(argument, "Fn::Select takes [index, [values...]]");
        }

        var resolved = Resolve(pair.Items[1]);
        if (resolved is MappingNode unresolved && IsUnresolved(unresolved))
        {
            // Selecting from a list only AWS knows (Fn::GetAZs, Fn::Cidr) stays unresolved; the inner function warned.
            return Text(node.Location, $"{IntrinsicNames.Select}({index}, {Placeholder(unresolved)})");
        }

        if (resolved is not SequenceNode list)
        {
            return Invalid(pair.Items[1], "Fn::Select needs a list to select from");
        }

        if (index < 0 || index >= list.Items.Count)
        {
            return Invalid(pair.Items[0], $"Fn::Select index {index} is out of range: the list has {list.Items.Count} items");
        }

        return list.Items[index];
    }

    private TemplateNode Split(MappingNode node, TemplateNode argument)
    {
        if (argument is not SequenceNode { Items.Count: 2 } pair || ResolveText(pair.Items[0]) is not { Length: > 0 } delimiter)
        {
            return Invalid(argument, "Fn::Split takes [delimiter, string]");
        }

        var source = ResolveText(pair.Items[1]);
        if (source is null)
        {
            return Invalid(pair.Items[1], "Fn::Split needs a string to split");
        }

        return new SequenceNode(node.Location, [.. source.Split(delimiter).Select(s => (TemplateNode)new ScalarNode(node.Location, s, isQuoted: true))]);
    }

    private TemplateNode? If(TemplateNode argument)
    {
        if (argument is not SequenceNode { Items.Count: 3 } triple || triple.Items[0] is not ScalarNode condition)
        {
            return Invalid(argument, "Fn::If takes [ConditionName, value if true, value if false]");
        }

        var chosen = context.Conditions.Evaluate(condition.Value, condition.Location) ? triple.Items[1] : triple.Items[2];
        return Resolve(chosen);
    }

    private TemplateNode FindInMap(TemplateNode argument)
    {
        if (argument is not SequenceNode { Items.Count: 3 or 4 } keys)
        {
            return Invalid(argument, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
        }

        var names = keys.Items.Take(3).Select(ResolveText).ToList();
        if (names.Any(n => n is null))
        {
            return Invalid(argument, "Fn::FindInMap keys must be strings");
        }

        var mapNode = context.Mappings?[names[0]!];
        if (mapNode is not MappingNode map)
        {
            return MissingKey(keys, $"Fn::FindInMap: no mapping named '{names[0]}'{Validation.Suggestions.Hint(names[0]!, context.Mappings?.Entries.Select(e => e.Name) ?? [], context.Hints)}");
        }

        if (map[names[1]!] is not MappingNode top)
        {
            return MissingKey(keys, $"Fn::FindInMap: mapping '{names[0]}' has no key '{names[1]}'{Validation.Suggestions.Hint(names[1]!, map.Entries.Select(e => e.Name), context.Hints)}");
        }

        if (top[names[2]!] is not { } value)
        {
            return MissingKey(keys, $"Fn::FindInMap: '{names[0]}.{names[1]}' has no key '{names[2]}'{Validation.Suggestions.Hint(names[2]!, top.Entries.Select(e => e.Name), context.Hints)}");
        }

        // Mapping values are plain data in CloudFormation, never functions (MappingsValidator reports one), so they
        // are not evaluated: a value that named another mapping could otherwise chain without end.
        return value;
    }

    private TemplateNode MissingKey(SequenceNode keys, string message)
    {
        // The AWS::LanguageExtensions form takes a fourth item, { DefaultValue: ... }, used when a key is missing.
        if (keys.Items.Count == 4 && keys.Items[3] is MappingNode options && options["DefaultValue"] is { } fallback)
        {
            return Resolve(fallback) ?? Text(keys.Location, string.Empty);
        }

        return Invalid(keys, message);
    }

    private List<string>? ResolveList(TemplateNode node, string function)
    {
        var resolved = Resolve(node);
        if (resolved is not SequenceNode list)
        {
            context.Diagnostics.Error(node, $"{function} needs a list of values");
            return null;
        }

        var values = new List<string>();
        foreach (var item in list.Items)
        {
            var text = item switch
            {
                ScalarNode scalar => scalar.Value,
                MappingNode map when IsUnresolved(map) => Placeholder(map),
                _ => null,
            };
            if (text is null)
            {
                context.Diagnostics.Error(item, $"{function} values must be strings, not {item.Kind}");
                continue;
            }

            values.Add(text);
        }

        return values;
    }

    private ScalarNode Invalid(TemplateNode at, string message)
    {
        context.Diagnostics.Error(at, message);
        return Failed(at.Location);
    }

    /// <summary>
    /// The value of a function that failed (and was reported): a null, which readers treat as absent, so one mistake
    /// does not cascade into "MemorySize must be a number" errors.
    /// </summary>
    private static ScalarNode Failed(SourceLocation at) => new(at, string.Empty, isNull: true);

    private static ScalarNode Text(SourceLocation at, string value) => new(at, value, isQuoted: true);

    private static string Bool(bool value) => value ? "true" : "false";
}
