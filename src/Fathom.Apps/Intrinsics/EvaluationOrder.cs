namespace Fathom.Apps.Intrinsics;

/// <summary>
/// Evaluates the template's definitions that refer to each other, conditions and resource names (<c>FunctionName:
/// !Ref Other</c>), dependencies first. Each one then finds what it refers to already evaluated, so a chain of any
/// length costs one stack frame per nesting level of a single value, never one per link.
/// </summary>
internal sealed class EvaluationOrder
{
    private readonly TemplateContext _context;
    private readonly DependencyWalk<Definition> _walk;

    public EvaluationOrder(TemplateContext context)
    {
        _context = context;
        _walk = new DependencyWalk<Definition>(Dependencies, Finish);
    }

    /// <summary>Evaluates the named condition, and first every condition and name it refers to.</summary>
    public void EvaluateCondition(string name) => _walk.Walk(new Definition(IsCondition: true, name));

    /// <summary>Evaluates the resource's name, and first every condition and name it refers to.</summary>
    public void EvaluateName(string logicalId) => _walk.Walk(new Definition(IsCondition: false, logicalId));

    /// <summary>When the condition is being evaluated, the chain of definitions from it to the one being evaluated
    /// now: a reference to it closes that cycle. Null otherwise.</summary>
    public IReadOnlyList<string>? CycleToCondition(string name) =>
        _walk.CycleTo(new Definition(IsCondition: true, name))?.Select(d => d.Name).ToList();

    /// <summary>True while the resource's name is being evaluated: a reference to it now is circular.</summary>
    public bool IsEvaluatingName(string logicalId) => _walk.CycleTo(new Definition(IsCondition: false, logicalId)) is not null;

    private IEnumerable<Definition> Dependencies(Definition definition)
    {
        var node = definition.IsCondition
            ? _context.Conditions.Definition(definition.Name)
            : _context.Resources.NameDefinition(definition.Name);
        if (node is null)
        {
            yield break;
        }

        foreach (var condition in ReferenceScanner.Conditions(node))
        {
            if (_context.Conditions.Definition(condition) is not null)
            {
                yield return new Definition(IsCondition: true, condition);
            }
        }

        foreach (var name in ReferenceScanner.Names(node))
        {
            if (_context.Resources.NamedBy(name) is { } logicalId)
            {
                yield return new Definition(IsCondition: false, logicalId);
            }
        }
    }

    private void Finish(Definition definition)
    {
        if (definition.IsCondition)
        {
            _context.Conditions.Compute(definition.Name);
        }
        else
        {
            _context.Resources.ComputeName(definition.Name);
        }
    }

    private readonly record struct Definition(bool IsCondition, string Name);
}
