using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>
/// A function must say where its code is (a local <c>CodeUri</c>, inline code, or an image) and, for zip packages,
/// its Handler and Runtime. S3 code locations cannot be run locally and are reported clearly.
/// </summary>
internal sealed class FunctionCodeValidator : IAppValidator
{
    public void Validate(TemplateContext context)
    {
        foreach (var function in context.Resources.Declared.Where(r => ResourceTypes.IsFunction(r.Type)))
        {
            var p = new PropertyReader(context, function.Properties, function.LogicalId);
            var image = p.String("PackageType") == "Image";
            if (image)
            {
                var hasImage = function.Type == ResourceTypes.LambdaFunction ? (p.Raw("Code") as MappingNode)?["ImageUri"] is not null : p.Raw("ImageUri") is not null;
                if (!hasImage)
                {
                    context.Diagnostics.Error(function.Key, $"function '{function.LogicalId}' has PackageType Image but no ImageUri");
                }

                continue;
            }

            foreach (var required in new[] { "Handler", "Runtime" }.Where(k => string.IsNullOrEmpty(p.String(k))))
            {
                context.Diagnostics.Error(function.Key, $"function '{function.LogicalId}' has no {required}; zip functions need one (set it on the function or in Globals.Function)");
            }

            if (function.Type == ResourceTypes.ServerlessFunction)
            {
                CheckServerlessCode(context, function, p);
            }
            else
            {
                CheckLambdaCode(context, function, p);
            }
        }
    }

    private static void CheckServerlessCode(TemplateContext context, ResourceEntry function, PropertyReader p)
    {
        var codeUri = p.Raw("CodeUri");
        if (codeUri is null && p.Raw("InlineCode") is null)
        {
            context.Diagnostics.Error(function.Key, $"function '{function.LogicalId}' has neither CodeUri nor InlineCode");
            return;
        }

        if (codeUri is not null && p.Raw("InlineCode") is not null)
        {
            context.Diagnostics.Error(p.Raw("InlineCode")!, $"function '{function.LogicalId}' sets both CodeUri and InlineCode; use one");
        }

        if (codeUri is not null)
        {
            CheckPath(context, function, codeUri, "CodeUri");
        }
    }

    private static void CheckLambdaCode(TemplateContext context, ResourceEntry function, PropertyReader p)
    {
        switch (p.Raw("Code"))
        {
            case null:
                context.Diagnostics.Error(function.Key, $"function '{function.LogicalId}' has no Code");
                break;
            case ScalarNode path:
                CheckPath(context, function, path, "Code");
                break;
            case MappingNode code when code["ZipFile"] is null && code["ImageUri"] is null:
                context.Diagnostics.Error(code, $"function '{function.LogicalId}' has its Code in S3, which Fathom cannot fetch; use Code.ZipFile, or a local path such as 'Code: ./src'");
                break;
        }
    }

    private static void CheckPath(TemplateContext context, ResourceEntry function, TemplateNode node, string key)
    {
        var resolved = context.Resolver.Resolve(node);
        if (resolved is MappingNode map && (map["Bucket"] is not null || map["Key"] is not null))
        {
            context.Diagnostics.Error(node, $"{function.LogicalId}.{key} points to S3 (Bucket/Key), which Fathom cannot fetch; use a local path such as '{key}: src/'");
            return;
        }

        if (resolved is not ScalarNode { IsNull: false } scalar)
        {
            context.Diagnostics.Error(node, $"{function.LogicalId}.{key} must be a local path");
            return;
        }

        if (scalar.Value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            context.Diagnostics.Error(node, $"{function.LogicalId}.{key} '{scalar.Value}' is in S3, which Fathom cannot fetch; use a local path such as '{key}: src/'");
            return;
        }

        var full = Path.GetFullPath(Path.Combine(context.AppDirectory, scalar.Value));
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            context.Diagnostics.Error(node, $"{function.LogicalId}.{key} '{scalar.Value}' does not exist (looked for {full})");
        }
    }
}
