using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Intrinsics;

/// <summary>Evaluates the template's <c>Conditions</c> once each, detecting conditions that refer to themselves.
/// <see cref="EvaluationOrder"/> evaluates what a condition refers to first, so chains never recurse.</summary>
internal sealed class ConditionEvaluator
{
    private readonly TemplateContext _context;
    private readonly MappingNode? _section;
    private readonly Dictionary<string, bool> _values = new(StringComparer.Ordinal);

    public ConditionEvaluator(TemplateContext context, TemplateNode? section)
    {
        _context = context;
        _section = section as MappingNode;
        if (section is not null and not MappingNode and not ScalarNode { IsNull: true })
        {
            context.Diagnostics.Error(section, $"Conditions must be a mapping, not {section.Kind}");
        }
    }

    public IEnumerable<string> Names => _section?.Entries.Select(e => e.Name) ?? [];

    public bool Exists(string name) => _section?.Find(name) is not null;

    public string UnknownMessage(string name) => $"unknown condition '{name}'{Suggestions.Hint(name, Names, _context.Hints)}";

    /// <summary>The named condition's value; unknown or circular conditions are reported and count as false.</summary>
    public bool Evaluate(string name, SourceLocation at)
    {
        if (_values.TryGetValue(name, out var known))
        {
            return known;
        }

        var entry = _section?.Find(name);
        if (entry is null)
        {
            _context.Diagnostics.Error(at, UnknownMessage(name));
            return false;
        }

        if (_context.Order.CycleToCondition(name) is { } cycle)
        {
            _context.Diagnostics.Error(entry.Key, $"circular condition: {CycleText.Describe(cycle)}");
            return false;
        }

        _context.Order.EvaluateCondition(name);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>The condition's expression as written, or null when there is no such condition.</summary>
    public TemplateNode? Definition(string name) => _section?.Find(name)?.Value;

    /// <summary>Evaluates the condition's expression and keeps its value; <see cref="EvaluationOrder"/> calls this once
    /// everything it refers to has a value.</summary>
    public void Compute(string name)
    {
        if (Definition(name) is { } expression)
        {
            _values[name] = EvaluateExpression(expression);
        }
    }

    /// <summary>Evaluates <c>Fn::Equals</c>, <c>Fn::And</c>, <c>Fn::Or</c>, <c>Fn::Not</c> and <c>Condition</c>.</summary>
    public bool EvaluateExpression(TemplateNode node)
    {
        if (!_context.Resolver.TryEnter(node))
        {
            return false;
        }

        try
        {
            return EvaluateExpressionCore(node);
        }
        finally
        {
            _context.Resolver.Exit();
        }
    }

    private bool EvaluateExpressionCore(TemplateNode node)
    {
        if (node is ScalarNode literal && bool.TryParse(literal.Value, out var constant))
        {
            return constant;
        }

        if (node is not MappingNode map || !map.IsIntrinsic(out var name, out var argument))
        {
            _context.Diagnostics.Error(node, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
            return false;
        }

        switch (name)
        {
            case IntrinsicNames.Condition when argument is ScalarNode reference:
                return Evaluate(reference.Value, reference.Location);
            case IntrinsicNames.EqualsFn:
                var pair = Arguments(argument, name, 2, 2);
                if (pair is null)
                {
                    return false;
                }

                return string.Equals(_context.Resolver.ResolveText(pair[0]), _context.Resolver.ResolveText(pair[1]), StringComparison.Ordinal);
            case IntrinsicNames.And:
                var all = Arguments(argument, name, 2, 10);
                return all is not null && all.Select(EvaluateExpression).ToList().All(v => v);
            case IntrinsicNames.Or:
                var any = Arguments(argument, name, 2, 10);
                return any is not null && any.Select(EvaluateExpression).ToList().Any(v => v);
            case IntrinsicNames.Not:
                var one = Arguments(argument, name, 1, 1);
                return one is not null && !EvaluateExpression(one[0]);
            default:
                _context.Diagnostics.Error(node, $"{name} cannot be used as a condition; use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
                return false;
        }
    }

    private IReadOnlyList<TemplateNode>? Arguments(TemplateNode argument, string name, int min, int max)
    {
        if (argument is SequenceNode list && list.Items.Count >= min && list.Items.Count <= max)
        {
            return list.Items;
        }

        var count = min == max ? $"{min}" : $"{min} to {max}";
        _context.Diagnostics.Error(argument, $"{name} takes a list of {count} items");
        return null;
    }
}
