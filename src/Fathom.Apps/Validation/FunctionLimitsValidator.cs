using Fathom.Apps.Resources;

namespace Fathom.Apps.Validation;

/// <summary>MemorySize must be 128–10240 MB and Timeout 1–900 s, as on AWS Lambda.</summary>
internal sealed class FunctionLimitsValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        foreach (var function in context.Resources.Declared.Where(r => ResourceTypes.IsFunction(r.Type)))
        {
            var p = new PropertyReader(context, function.Properties, function.LogicalId);
            p.Int("MemorySize", 128, 10240, " MB");
            p.Int("Timeout", 1, 900, " s");
            p.Int("ReservedConcurrentExecutions", 0, 100_000);
        }
    }
}
