namespace Fathom.Alerting.Alarms;

/// <summary>Every alarm of an environment: each function's defaults, then the template's alarms (evaluated or not, with why).</summary>
public static class AlarmCatalog
{
    public static IReadOnlyList<AlarmDefinition> For(AlarmEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new List<AlarmDefinition>();
        foreach (var function in environment.Functions)
        {
            result.AddRange(DefaultAlarms.For(function.Name, function.Timeout, environment.Config)
                .Select(rule => new AlarmDefinition(rule.Name, rule.Kind, rule.Function, rule.Description, rule, null)));
        }

        var names = result.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var alarm in environment.TemplateAlarms)
        {
            var definition = TemplateAlarms.From(alarm);
            // A template alarm named like a default one would share its state and history; the template's wins.
            if (!names.Add(definition.Name))
            {
                result.RemoveAll(d => d.Name == definition.Name);
            }

            result.Add(definition);
        }

        return result;
    }
}
