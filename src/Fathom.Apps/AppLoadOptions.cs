namespace Fathom.Apps;

/// <summary>Inputs that are not in the template: parameter overrides and pseudo-parameter values.</summary>
public sealed record AppLoadOptions
{
    /// <summary>The defaults: no overrides, us-east-1, account 000000000000, stack named after the app directory.</summary>
    public static AppLoadOptions Default { get; } = new();

    /// <summary>Values for template <c>Parameters</c>, as SAM CLI's <c>--parameter-overrides Key=Value</c>.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary><c>AWS::Region</c>; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary><c>AWS::AccountId</c>; default <c>000000000000</c>.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary><c>AWS::StackName</c>; null means the app directory's name.</summary>
    public string? StackName { get; init; }

    /// <summary>Bounds on hostile input; tests lower them to reach them cheaply.</summary>
    internal Templates.TemplateLimits Limits { get; init; } = Templates.TemplateLimits.Default;
}
