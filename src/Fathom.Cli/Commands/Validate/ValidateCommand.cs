using System.CommandLine;
using Fathom.Apps.Templates;

namespace Fathom.Cli.Commands.Validate;

/// <summary>`fathom validate [DIR|TEMPLATE]`: reads a SAM application and prints what Fathom will run.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "The application directory or its template file (default: the current directory).",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("validate", "Check a SAM application and print its functions, routes and warnings.")
        {
            path,
        };
        command.SetAction(result =>
        {
            var template = TemplateLocator.Find(result.GetValue(path)!);
            if (template is null)
            {
                Console.Error.WriteLine($"error: no template.yaml, template.yml or template.json in '{result.GetValue(path)}'");
                return 1;
            }

            Console.WriteLine(template);
            return 0;
        });
        return command;
    }
}
