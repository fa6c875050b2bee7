using Fathom.Apps.Auth;
using Fathom.Apps.Config;
using Fathom.Apps.Resources;
using Fathom.Apps.Routes;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps;

/// <summary>Reads and validates a SAM application into an <see cref="AppModel"/>.</summary>
public static class AppLoader
{
    private static readonly IAppValidator[] Validators =
    [
        new TemplateStructureValidator(),
        new UnknownPropertyValidator(),
        new IntrinsicNameValidator(),
        new MappingsValidator(),
        new ReferenceValidator(),
        new ConditionValidator(),
        new CircularReferenceValidator(),
        new FunctionCodeValidator(),
        new FunctionLimitsValidator(),
    ];

    /// <summary>
    /// Loads the app in a directory (finding <c>template.yaml</c>, <c>template.yml</c> or <c>template.json</c>) or
    /// from a template file. Never throws for bad input: every problem is a <see cref="Diagnostic"/> in the result.
    /// </summary>
    public static AppLoadResult Load(string dirOrTemplatePath, AppLoadOptions? options = null)
    {
        options ??= AppLoadOptions.Default;
        var diagnostics = new DiagnosticBag();
        var templatePath = TemplateLocator.Find(dirOrTemplatePath);
        if (templatePath is null)
        {
            var what = Directory.Exists(dirOrTemplatePath)
                ? $"no template.yaml, template.yml or template.json in '{dirOrTemplatePath}'"
                : $"'{dirOrTemplatePath}' does not exist";
            diagnostics.Error(SourceLocation.OfFile(dirOrTemplatePath), what);
            return Result(null, diagnostics, null);
        }

        var appDirectory = Path.GetDirectoryName(templatePath)!;
        var file = DisplayPath(templatePath);
        var root = TemplateReader.ReadFile(templatePath, file, diagnostics, options.Limits);
        if (root is null)
        {
            return Result(null, diagnostics, templatePath);
        }

        if (root is not MappingNode map)
        {
            diagnostics.Error(root, $"a template must be a mapping with a Resources section, not {root.Kind}");
            return Result(null, diagnostics, templatePath);
        }

        var stackName = options.StackName ?? new DirectoryInfo(appDirectory).Name;
        var context = new TemplateContext(file, appDirectory, map, options, stackName, diagnostics);
        foreach (var validator in Validators)
        {
            validator.Validate(context);
        }

        var model = Build(context, templatePath);
        model = model with { Config = FathomConfigLoader.Load(appDirectory, DisplayPath, diagnostics) };
        return Result(model, diagnostics, templatePath);
    }

    /// <summary>Reads only <c>fathom.yaml</c> (or <c>fathom.yml</c>) in <paramref name="appDirectory"/>, for settings
    /// needed before the template is read (an environment's parameters); no file gives <see cref="FathomConfig.Empty"/>.</summary>
    public static FathomConfig LoadConfig(string appDirectory, out IReadOnlyList<Diagnostic> errors)
    {
        var diagnostics = new DiagnosticBag();
        var config = FathomConfigLoader.Load(appDirectory, DisplayPath, diagnostics);
        errors = diagnostics.Errors;
        return config;
    }

    private static AppModel Build(TemplateContext context, string templatePath)
    {
        var active = context.Resources.All
            .Where(r => r.ConditionName is not { } condition || context.Conditions.Evaluate(condition, r.Declaration!["Condition"]!.Location))
            .ToList();
        var functionReader = new FunctionReader(context);
        var functions = active.Where(r => ResourceTypes.IsFunction(r.Type)).Select(functionReader.Read).ToList();
        var functionModels = functions.Select(f => f.Model).ToList();
        var apis = active.Where(r => r.Type is ResourceTypes.ServerlessApi or ResourceTypes.ServerlessHttpApi)
            .Select(r => ApiReader.Read(context, r))
            .ToList();
        var routes = RouteTableBuilder.Build(functions, apis.ToDictionary(a => a.LogicalId, StringComparer.Ordinal), context.Diagnostics);
        RouteConflictValidator.Validate(routes, context.Diagnostics);

        var notEmulated = new List<OpaqueResourceModel>();
        foreach (var resource in active.Where(r => !r.Implicit && !ResourceTypes.Emulated.Contains(r.Type)))
        {
            context.Diagnostics.Warning(resource.Key, $"'{resource.LogicalId}' ({resource.Type}) is not emulated: it is kept in the model, but Fathom does not create it");
            notEmulated.Add(new OpaqueResourceModel
            {
                LogicalId = resource.LogicalId,
                Type = resource.Type,
                Properties = resource.Properties.Entries.Count > 0 ? NodeJson.ToJson(resource.Properties) : null,
            });
        }

        return new AppModel
        {
            TemplatePath = templatePath,
            AppDirectory = context.AppDirectory,
            StackName = context.StackName,
            Region = context.Pseudo.Region,
            AccountId = context.Pseudo.AccountId,
            Description = (context.Root["Description"] as ScalarNode)?.Value,
            Functions = functionModels,
            Routes = [.. routes.Select(r => r.Route)],
            Apis = apis,
            ApiKeys = Of(active, ResourceTypes.ApiKey).Select(r => ApiKeyReader.Read(context, r)).OfType<KeyValuePair<string, string>>()
                .ToDictionary(StringComparer.Ordinal),
            Schedules = [.. functionModels.SelectMany(f => f.Events.OfType<ScheduleEventModel>().Select(e => new ScheduleModel
            {
                FunctionName = f.Name,
                EventName = e.Name,
                Kind = e.Type,
                Expression = e.Expression,
                Timezone = e.Timezone,
                Input = e.Input,
                Enabled = e.Enabled,
            }))],
            Queues = [.. Of(active, ResourceTypes.Queue).Select(r => QueueReader.Read(context, r, functionModels))],
            Topics = [.. Of(active, ResourceTypes.Topic).Select(r => TopicReader.Read(context, r, functionModels))],
            Tables = [.. Of(active, ResourceTypes.SimpleTable).Select(r => TableReader.Read(context, r))],
            Alarms = [.. Of(active, ResourceTypes.Alarm).Select(r => AlarmReader.Read(context, r))],
            NotEmulated = notEmulated,
            Parameters = context.Parameters.Values,
        };
    }

    private static IEnumerable<ResourceEntry> Of(IEnumerable<ResourceEntry> resources, string type) => resources.Where(r => r.Type == type);

    private static AppLoadResult Result(AppModel? model, DiagnosticBag diagnostics, string? templatePath) => new()
    {
        Model = diagnostics.HasErrors ? null : model,
        Errors = diagnostics.Errors,
        Warnings = diagnostics.Warnings,
        TemplatePath = templatePath,
    };

    /// <summary>Paths in diagnostics are relative to the current directory when below it, as compilers print them.</summary>
    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
