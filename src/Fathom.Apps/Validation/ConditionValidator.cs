using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Evaluates every condition once, so mistakes in conditions nothing uses yet are reported too.</summary>
internal sealed class ConditionValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        if (context.Root["Conditions"] is not MappingNode conditions)
        {
            return;
        }

        foreach (var entry in conditions.Entries)
        {
            context.Conditions.Evaluate(entry.Name, entry.Key.Location);
        }
    }
}
