using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Parameters;

/// <summary>The template's <c>Parameters</c> with defaults and overrides applied and constraints checked.</summary>
internal sealed class ParameterSet
{
    private static readonly string[] Properties =
        ["Type", "Default", "AllowedValues", "AllowedPattern", "ConstraintDescription", "Description", "MaxLength", "MaxValue", "MinLength", "MinValue", "NoEcho"];

    private readonly Dictionary<string, ParameterValue> _values = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _values.Keys;

    public IReadOnlyDictionary<string, string> Values => _values.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);

    public bool TryGet(string name, out ParameterValue value) => _values.TryGetValue(name, out value!);

    public static ParameterSet Read(TemplateNode? section, IReadOnlyDictionary<string, string> overrides, string file, DiagnosticBag diagnostics)
    {
        var set = new ParameterSet();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (section is MappingNode map)
        {
            foreach (var entry in map.Entries)
            {
                declared.Add(entry.Name);
                set.ReadOne(entry, overrides, diagnostics);
            }
        }
        else if (section is not null and not ScalarNode { IsNull: true })
        {
            diagnostics.Error(section, $"Parameters must be a mapping, not {section.Kind}");
        }

        foreach (var name in overrides.Keys.Where(n => !declared.Contains(n)))
        {
            diagnostics.Warning(SourceLocation.OfFile(file),
                $"parameter override '{name}' matches no parameter in the template{Suggestions.Hint(name, declared)}");
        }

        return set;
    }

    private void ReadOne(TemplateEntry entry, IReadOnlyDictionary<string, string> overrides, DiagnosticBag diagnostics)
    {
        var name = entry.Name;
        if (entry.Value is not MappingNode declaration)
        {
            diagnostics.Error(entry.Value, $"parameter '{name}' must be a mapping with at least a Type");
            return;
        }

        foreach (var property in declaration.Entries.Where(e => !Properties.Contains(e.Name)))
        {
            diagnostics.Error(property.Key, $"unknown property '{property.Name}' on parameter '{name}'{Suggestions.Hint(property.Name, Properties)}");
        }

        if (declaration["Type"] is not ScalarNode { IsNull: false } typeNode)
        {
            diagnostics.Error(entry.Key, $"parameter '{name}' has no Type (String, Number, CommaDelimitedList, List<Number>, or an AWS-specific type)");
            return;
        }

        var type = typeNode.Value;
        string? value;
        SourceLocation where;
        var source = string.Empty;
        if (overrides.TryGetValue(name, out var overridden))
        {
            value = overridden;
            where = entry.Key.Location;
            source = " (from --parameter-overrides)";
        }
        else if (declaration["Default"] is { } defaultNode)
        {
            value = Literal(defaultNode);
            where = defaultNode.Location;
            if (value is null)
            {
                diagnostics.Error(defaultNode, $"the Default of parameter '{name}' must be a plain value");
                return;
            }
        }
        else
        {
            diagnostics.Error(entry.Key, $"parameter '{name}' has no Default and no value was given; pass --parameter-overrides {name}=VALUE");
            return;
        }

        var parameter = new ParameterValue(name, type, value);
        if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
        {
            diagnostics.Warning(where, $"parameter '{name}' reads SSM parameter '{value}', which Fathom cannot look up; the parameter name is used as the value");
        }

        Check(parameter, declaration, where, source, diagnostics);
        _values[name] = parameter;
    }

    private static void Check(ParameterValue parameter, MappingNode declaration, SourceLocation where, string source, DiagnosticBag diagnostics)
    {
        var name = parameter.Name;
        var explain = declaration["ConstraintDescription"] is ScalarNode { IsNull: false } description ? $" ({description.Value})" : string.Empty;
        var items = parameter.IsList ? parameter.Items : [parameter.Value];
        var isNumber = parameter.Type is "Number" or "List<Number>";
        foreach (var item in items)
        {
            if (isNumber && !double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                diagnostics.Error(where, $"parameter '{name}' is a {parameter.Type} but its value '{item}'{source} is not a number");
                continue;
            }

            if (declaration["AllowedValues"] is SequenceNode allowed)
            {
                var options = allowed.Items.Select(Literal).OfType<string>().ToList();
                if (!options.Contains(item, StringComparer.Ordinal))
                {
                    diagnostics.Error(where, $"parameter '{name}' value '{item}'{source} is not one of the allowed values: {string.Join(", ", options)}{explain}");
                }
            }

            if (declaration["AllowedPattern"] is ScalarNode { IsNull: false } pattern)
            {
                CheckPattern(name, item, pattern, where, source, explain, diagnostics);
            }

            CheckBound(declaration, "MinLength", where, n => item.Length < n, n => $"parameter '{name}' value '{item}'{source} is shorter than MinLength {n}{explain}", diagnostics);
            CheckBound(declaration, "MaxLength", where, n => item.Length > n, n => $"parameter '{name}' value '{item}'{source} is longer than MaxLength {n}{explain}", diagnostics);
            if (isNumber && double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                CheckBound(declaration, "MinValue", where, n => number < n, n => $"parameter '{name}' value {item}{source} is below MinValue {n}{explain}", diagnostics);
                CheckBound(declaration, "MaxValue", where, n => number > n, n => $"parameter '{name}' value {item}{source} is above MaxValue {n}{explain}", diagnostics);
            }
        }
    }

    private static void CheckPattern(string name, string item, ScalarNode pattern, SourceLocation where, string source, string explain, DiagnosticBag diagnostics)
    {
        try
        {
            // CloudFormation anchors AllowedPattern to the whole value.
            if (!Regex.IsMatch(item, $"^(?:{pattern.Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                diagnostics.Error(where, $"parameter '{name}' value '{item}'{source} does not match AllowedPattern {pattern.Value}{explain}");
            }
        }
        catch (ArgumentException)
        {
            diagnostics.Error(pattern, $"AllowedPattern of parameter '{name}' is not a valid regular expression");
        }
        catch (RegexMatchTimeoutException)
        {
            diagnostics.Error(pattern, $"AllowedPattern of parameter '{name}' took too long to match");
        }
    }

    private static void CheckBound(MappingNode declaration, string key, SourceLocation where, Func<double, bool> fails, Func<double, string> message, DiagnosticBag diagnostics)
    {
        if (declaration[key] is not ScalarNode { IsNull: false } bound)
        {
            return;
        }

        if (!double.TryParse(bound.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
        {
            diagnostics.Error(bound, $"{key} must be a number, not '{bound.Value}'");
            return;
        }

        if (fails(limit))
        {
            diagnostics.Error(where, message(limit));
        }
    }

    private static string? Literal(TemplateNode node) => node switch
    {
        ScalarNode { IsNull: true } => string.Empty,
        ScalarNode s => s.Value,
        SequenceNode q when q.Items.All(i => i is ScalarNode) => string.Join(",", q.Items.Cast<ScalarNode>().Select(s => s.Value)),
        _ => null,
    };
}
