using System.CommandLine;
using Fathom.Apps;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Validate;

/// <summary>`fathom validate [DIR|TEMPLATE]`: reads a SAM application and prints what Fathom will run.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var app = new AppOptions();
        var json = new Option<bool>("--json") { Description = "Print the resolved app (or the errors) as one JSON document." };
        var command = new Command("validate",
            "Check a SAM application and print its functions, routes, schedules, queues and alarms. Exit codes: 0 valid, 1 invalid or no template, 2 usage error.");
        app.AddTo(command);
        command.Options.Add(json);
        command.SetAction(result =>
        {
            var options = app.ToLoadOptions(result, out var usageErrors);
            if (usageErrors.Count > 0)
            {
                foreach (var error in usageErrors)
                {
                    Console.Error.WriteLine($"--parameter-overrides: {error}");
                }

                return 2;
            }

            var loaded = AppLoader.Load(result.GetValue(app.Path)!, options);
            if (result.GetValue(json))
            {
                CliJson.Write(Console.Out, new ValidateDocument(loaded.Succeeded, loaded.TemplatePath, loaded.Errors, loaded.Warnings, loaded.Model));
                return loaded.Succeeded ? 0 : 1;
            }

            return AppSummaryWriter.Write(Console.Out, Console.Error, loaded);
        });
        return command;
    }
}
