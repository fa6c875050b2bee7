using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fathom.Apps;
using Fathom.Deployments.Releases;
using Fathom.Gateway.Routing;
using Fathom.Packaging.Artifacts;
using Fathom.Packaging.Transfer;
using Fathom.Server.Environments;

namespace Fathom.Server.Deploy;

/// <summary>Validates a deploy on the server and turns it into a <see cref="DeployPlan"/>: names, uploaded artifacts,
/// the template (file:line:col errors, as <c>fathom validate</c> prints them), the environment's parameters, each
/// function's published configuration and the routes. Nothing live is touched here, so a deploy that fails changes nothing.</summary>
internal sealed partial class DeployPlanner(string dataDirectory, ArtifactBuilder inlineBuilder)
{
    private const int MaxCodeFolders = 200;
    private readonly ConcurrentDictionary<string, long> _codeSizes = new(StringComparer.Ordinal);

    public string ArtifactsDirectory => Path.Combine(dataDirectory, "artifacts");

    /// <summary>App and environment names: letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsName(string name) => Name().IsMatch(name);

    /// <exception cref="DeployRejectedException">The deploy is invalid; nothing was changed.</exception>
    public async Task<DeployPlan> PlanAsync(string app, string environment, DeployRequest request, EnvironmentRecord? current, CancellationToken cancellationToken)
    {
        if (!IsName(app) || !IsName(environment))
        {
            throw new DeployRejectedException(400, $"'{(IsName(app) ? environment : app)}' is not a valid name: use letters, digits, '-' and '_' (at most 64, starting with a letter or digit)");
        }

        if (string.IsNullOrWhiteSpace(request.Template))
        {
            throw new DeployRejectedException(400, "template: the template's text is required");
        }

        var templateName = request.TemplateName ?? "template.yaml";
        if (templateName is not ("template.yaml" or "template.yml" or "template.json"))
        {
            throw new DeployRejectedException(400, $"templateName: '{templateName}' is not template.yaml, template.yml or template.json");
        }

        if (request.Port is { } port && port is < 1 or > 65535)
        {
            throw new DeployRejectedException(400, $"port: {port} is not a port number (1-65535)");
        }

        var code = CheckCode(request.Code);
        using var staging = DeployStaging.Create(dataDirectory, templateName, request.Template, request.Config, code, ArtifactsDirectory);

        var config = AppLoader.LoadConfig(staging.Root, out var configErrors);
        if (configErrors.Count > 0)
        {
            throw Invalid(staging, configErrors);
        }

        // fathom.yaml's parameters for this environment, under the deploy's overrides (or the last deploy's, as samconfig keeps them).
        var overrides = request.ParameterOverrides ?? current?.ParameterOverrides ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var environmentConfig = config.Environments.GetValueOrDefault(environment);
        var effective = new Dictionary<string, string>(environmentConfig?.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            effective[key] = value;
        }

        var loaded = AppLoader.Load(staging.Root, new AppLoadOptions { ParameterOverrides = effective, StackName = app });
        if (!loaded.Succeeded)
        {
            throw Invalid(staging, loaded.Errors);
        }

        var model = loaded.Model!;
        var warnings = loaded.Warnings.Select(w => staging.Display(w.ToString())).ToList();
        var functions = new List<PlannedFunction>();
        foreach (var function in model.Functions)
        {
            var runtime = function.Runtime ?? throw new DeployRejectedException(422, $"function '{function.Name}': no Runtime (container image functions are not supported yet)");
            string hash;
            string codeDirectory;
            if (function.InlineCode is { } inline)
            {
                (hash, codeDirectory) = await BuildInlineAsync(function.Name, runtime, inline, cancellationToken);
            }
            else
            {
                var relative = function.CodeDirectory is { } directory ? staging.Relative(directory) : null;
                if (relative is null || !code.TryGetValue(relative, out var uploaded))
                {
                    throw new DeployRejectedException(422, $"function '{function.Name}': its code folder '{relative}' was not uploaded with this deploy");
                }

                hash = uploaded;
                codeDirectory = Path.Combine(ArtifactsDirectory, hash, "code");
            }

            if (function.DeploymentPreference is { Enabled: true, Type: var type } && !string.Equals(type, "AllAtOnce", StringComparison.Ordinal))
            {
                warnings.Add($"function '{function.Name}': DeploymentPreference {type} is deployed AllAtOnce: gradual rollouts are not implemented yet");
            }

            var published = PublishedConfig.From(function, function.Environment, hash, CodeSize(hash, codeDirectory));
            functions.Add(new PlannedFunction(
                new FunctionRelease(function.Name, hash, published.Hash(), published.ToJson(), function.AutoPublishAlias ?? Fathom.Deployments.Versions.Qualifiers.DefaultAlias, function.Description),
                function.ProvisionedConcurrency));
        }

        var routes = RouteMapper.Map(model);
        try
        {
            GatewayState.Validate(routes);
        }
        catch (GatewayConfigException e)
        {
            throw new DeployRejectedException(422, "the routes cannot be served: " + string.Join("; ", e.Errors), [.. e.Errors]);
        }

        var runtimeConfig = model.Config.Runtime;
        return new DeployPlan(
            functions,
            routes,
            request.Port ?? environmentConfig?.Port,
            new EnvironmentRuntime
            {
                Region = model.Region,
                AccountId = model.AccountId,
                MaxEnvironments = runtimeConfig.MaxEnvironments,
                IdleTimeout = runtimeConfig.IdleTimeout,
                QueueLength = runtimeConfig.QueueLength,
            },
            overrides,
            effective,
            warnings,
            Alerting.EnvironmentNotificationChannels.Of(model))
        {
            Alarms = new Alerting.EnvironmentAlarms(model.Alarms, model.Config.Alarms),
        };
    }

    private Dictionary<string, string> CheckCode(Dictionary<string, string>? code)
    {
        code ??= [];
        if (code.Count > MaxCodeFolders)
        {
            throw new DeployRejectedException(400, $"code: at most {MaxCodeFolders} code folders");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (path, hash) in code)
        {
            var normalized = path.Replace('\\', '/').TrimEnd('/');
            if (normalized.Length == 0)
            {
                normalized = ".";
            }

            if (Path.IsPathRooted(normalized) || normalized.Split('/').Any(part => part is ".." or "" || (part == "." && normalized != ".")))
            {
                throw new DeployRejectedException(400, $"code: '{path}' must be a folder inside the app directory (deploy does not take CodeUri outside it yet)");
            }

            if (!ArtifactArchive.IsHash(hash))
            {
                throw new DeployRejectedException(400, $"code: '{hash}' for '{path}' is not an artifact hash");
            }

            if (!ArtifactArchive.Exists(ArtifactsDirectory, hash))
            {
                missing.Add(hash);
            }

            result[normalized] = hash;
        }

        return missing.Count > 0
            ? throw new DeployRejectedException(409, $"artifacts not on the server: {string.Join(", ", missing)}; upload them first (PUT /fathom/v1/artifacts/{{hash}})")
            : result;
    }

    private async Task<(string Hash, string CodeDirectory)> BuildInlineAsync(string function, string runtime, string inline, CancellationToken cancellationToken)
    {
        // Lambda stores InlineCode as index.js beside nothing else; the server packages it itself (a copy, no npm).
        var source = Path.Combine(dataDirectory, "inline", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(source);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "index.js"), inline, cancellationToken);
            var package = await inlineBuilder.BuildAsync(new PackageRequest
            {
                FunctionName = function,
                Runtime = runtime,
                CodeDirectory = source,
                ArtifactsDirectory = ArtifactsDirectory,
            }, cancellationToken);
            return (package.Hash, package.CodeDirectory);
        }
        catch (PackageException e)
        {
            throw new DeployRejectedException(422, e.Message);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    private long CodeSize(string hash, string directory) =>
        _codeSizes.GetOrAdd(hash, _ => new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length));

    private static DeployRejectedException Invalid(DeployStaging staging, IReadOnlyList<Diagnostic> errors)
    {
        var lines = errors.Select(e => staging.Display(e.ToString())).ToList();
        return new DeployRejectedException(422, $"the app is not valid ({lines.Count} error{(lines.Count == 1 ? "" : "s")}): {lines[0]}", lines);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Name();
}
