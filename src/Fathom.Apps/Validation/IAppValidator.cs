namespace Fathom.Apps.Validation;

/// <summary>One validation rule over the template; it reports every problem it finds into the context's diagnostics.</summary>
internal interface IAppValidator
{
    void Validate(TemplateContext context);
}
