using System.CommandLine;
using Fathom.Apps;
using Fathom.Apps.Parameters;

namespace Fathom.Cli.Common;

/// <summary>
/// The options every command that reads an app takes (<c>validate</c>, <c>up</c>): the app path,
/// <c>--parameter-overrides</c>, <c>--region</c> and <c>--account-id</c>.
/// </summary>
internal sealed class AppOptions
{
    public Argument<string> Path { get; } = new("path")
    {
        Description = "The application directory or its template file.",
        HelpName = "DIR|TEMPLATE",
        DefaultValueFactory = _ => ".",
    };

    public Option<string[]> Overrides { get; } = new("--parameter-overrides")
    {
        Description = "Template parameter values, as Key=Value (several may follow one flag), like sam --parameter-overrides.",
        HelpName = "Key=Value",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string> Region { get; } = new("--region")
    {
        Description = "Value of the AWS::Region pseudo parameter.",
        HelpName = "REGION",
        DefaultValueFactory = _ => "us-east-1",
    };

    public Option<string> AccountId { get; } = new("--account-id")
    {
        Description = "Value of the AWS::AccountId pseudo parameter.",
        HelpName = "ID",
        DefaultValueFactory = _ => "000000000000",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Path);
        command.Options.Add(Overrides);
        command.Options.Add(Region);
        command.Options.Add(AccountId);
    }

    /// <summary>Builds load options; malformed overrides are returned as messages (a usage error).</summary>
    public AppLoadOptions ToLoadOptions(ParseResult result, out IReadOnlyList<string> errors)
    {
        var overrides = ParameterOverrides.Parse(result.GetValue(Overrides) ?? [], out errors);
        return new AppLoadOptions
        {
            ParameterOverrides = overrides,
            Region = result.GetValue(Region)!,
            AccountId = result.GetValue(AccountId)!,
        };
    }
}
