using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.Apps;
using Fathom.Cli.Common;
using Fathom.Cli.Server;
using Fathom.Packaging.Artifacts;
using Fathom.Packaging.Transfer;

namespace Fathom.Cli.Commands.Deploy;

/// <summary>One `fathom deploy`: read and build the app here, upload what the server lacks, ask it to deploy, print.</summary>
internal sealed class DeployClient(Uri adminUrl, TextWriter output, TextWriter error, bool json)
{
    private const int ParallelUploads = 4;

    public async Task<int> RunAsync(string path, string? appName, string environment, Dictionary<string, string>? overrides, int? port, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var templatePath = Path.GetFullPath(path);
        var appDirectory = File.Exists(templatePath) ? Path.GetDirectoryName(templatePath)! : templatePath;
        var app = appName ?? new DirectoryInfo(appDirectory).Name;
        using var http = new HttpClient(AdminHttp.CreateHandler()) { BaseAddress = adminUrl, Timeout = TimeSpan.FromMinutes(10) };
        AdminApi.Authorize(http, adminUrl);

        // Parameters as the server will use them, so the local read finds the same functions and code folders.
        var stored = overrides is null ? await StoredOverridesAsync(http, app, environment, cancellationToken) : null;
        var config = AppLoader.LoadConfig(appDirectory, out _);
        var effective = new Dictionary<string, string>(config.Environments.GetValueOrDefault(environment)?.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? stored ?? [])
        {
            effective[key] = value;
        }

        var loaded = AppLoader.Load(path, new AppLoadOptions { ParameterOverrides = effective, StackName = app });
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Errors)
            {
                DiagnosticWriter.Write(error, ConsoleStyle.ForError, diagnostic);
            }

            await error.WriteLineAsync("error: the app is not valid; nothing was deployed");
            return 1;
        }

        var model = loaded.Model!;
        var code = new Dictionary<string, PackageResult>(StringComparer.Ordinal);
        try
        {
            code = await BuildAsync(model, appDirectory, cancellationToken);
        }
        catch (PackageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (DeployClientException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        int uploaded;
        try
        {
            uploaded = await UploadMissingAsync(http, code.Values.DistinctBy(p => p.Hash).ToList(), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await AdminApi.ReportUnreachableAsync(adminUrl, e);
            return 1;
        }
        catch (DeployClientException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"fathom/v1/apps/{Uri.EscapeDataString(app)}/environments/{Uri.EscapeDataString(environment)}/deploy")
        {
            Content = JsonContent.Create(new
            {
                template = await File.ReadAllTextAsync(loaded.TemplatePath!, cancellationToken),
                templateName = Path.GetFileName(loaded.TemplatePath!),
                config = model.Config.Path is { } configPath ? await File.ReadAllTextAsync(configPath, cancellationToken) : null,
                parameterOverrides = overrides,
                code = code.ToDictionary(c => c.Key, c => c.Value.Hash),
                port,
            }),
        };
        var (exit, document) = await SendDeployAsync(http, request, cancellationToken);
        if (exit != 0 || document is null)
        {
            return exit;
        }

        foreach (var warning in document["warnings"]?.AsArray() ?? [])
        {
            await error.WriteLineAsync($"warning: {warning}");
        }

        if (json)
        {
            document["uploaded"] = uploaded;
            await output.WriteLineAsync(document.ToJsonString(CliJson.Options));
            return 0;
        }

        DeployPrinter.Print(output, ConsoleStyle.ForOut, document, uploaded, code.Values.DistinctBy(p => p.Hash).Count(), started.Elapsed);
        return 0;
    }

    private async Task<Dictionary<string, PackageResult>> BuildAsync(AppModel model, string appDirectory, CancellationToken cancellationToken)
    {
        // Built where fathom up builds (content-addressed, so up and deploy share unchanged artifacts).
        var builder = new ArtifactBuilder();
        var artifacts = Path.Combine(appDirectory, ".fathom", "artifacts");
        var folders = new Dictionary<string, (string Runtime, string Name)>(StringComparer.Ordinal);
        foreach (var function in model.Functions.Where(f => f.InlineCode is null))
        {
            var runtime = function.Runtime ?? throw new DeployClientException($"function '{function.Name}': no Runtime (container image functions are not supported yet)");
            var directory = function.CodeDirectory ?? throw new DeployClientException($"function '{function.Name}': no CodeUri");
            var relative = Path.GetRelativePath(appDirectory, Path.TrimEndingDirectorySeparator(directory)).Replace('\\', '/');
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new DeployClientException($"function '{function.Name}': CodeUri '{relative}' is outside the app directory; deploy takes code inside it");
            }

            if (folders.TryGetValue(relative, out var other) && other.Runtime != runtime)
            {
                throw new DeployClientException($"functions '{other.Name}' and '{function.Name}' share '{relative}' with different runtimes; deploy builds one artifact per folder");
            }

            folders[relative] = (runtime, function.Name);
        }

        var built = await Task.WhenAll(folders.Select(async folder => (folder.Key, await builder.BuildAsync(new PackageRequest
        {
            FunctionName = folder.Value.Name,
            Runtime = folder.Value.Runtime,
            CodeDirectory = Path.Combine(appDirectory, folder.Key),
            ArtifactsDirectory = artifacts,
        }, cancellationToken))));
        foreach (var (_, package) in built)
        {
            foreach (var warning in package.Warnings)
            {
                await error.WriteLineAsync($"warning: {warning}");
            }
        }

        return built.ToDictionary(b => b.Key, b => b.Item2, StringComparer.Ordinal);
    }

    private static async Task<int> UploadMissingAsync(HttpClient http, IReadOnlyList<PackageResult> packages, CancellationToken cancellationToken)
    {
        if (packages.Count == 0)
        {
            return 0;
        }

        using var response = await http.PostAsJsonAsync("fathom/v1/artifacts/missing", new { hashes = packages.Select(p => p.Hash) }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeployClientException($"{(int)response.StatusCode}: the server could not check its artifacts: {Detail(body)}");
        }

        var missing = (JsonNode.Parse(body)?["missing"]?.AsArray() ?? []).Select(n => (string?)n).ToHashSet(StringComparer.Ordinal);
        var uploads = packages.Where(p => missing.Contains(p.Hash)).ToList();
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken }, async (package, ct) =>
        {
            // Written to a temp file first: a known length, and a retry would not rebuild the archive.
            var archive = Path.GetTempFileName();
            try
            {
                await using (var file = File.Create(archive))
                {
                    await ArtifactArchive.WriteAsync(package.ArtifactDirectory, file, ct);
                }

                await using var content = File.OpenRead(archive);
                using var put = new HttpRequestMessage(HttpMethod.Put, $"fathom/v1/artifacts/{package.Hash}") { Content = new StreamContent(content) };
                put.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/gzip");
                using var answer = await http.SendAsync(put, ct);
                if (!answer.IsSuccessStatusCode)
                {
                    throw new DeployClientException($"{(int)answer.StatusCode}: uploading {package.FunctionName}'s code was refused: {Detail(await answer.Content.ReadAsStringAsync(ct))}");
                }
            }
            finally
            {
                File.Delete(archive);
            }
        });
        return uploads.Count;
    }

    private async Task<(int, JsonNode?)> SendDeployAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, cancellationToken))
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (0, JsonNode.Parse(text));
                }

                // The template's errors, one per line as fathom validate prints them, then the one-line reason.
                if (TryParse(text)?["errors"] is JsonArray errors)
                {
                    foreach (var line in errors)
                    {
                        await error.WriteLineAsync(line?.ToString());
                    }
                }

                await AdminApi.ReportFailureAsync(response.StatusCode, text);
                await error.WriteLineAsync("Nothing live was changed.");
                return (1, null);
            }
        }
        catch (HttpRequestException e)
        {
            await AdminApi.ReportUnreachableAsync(adminUrl, e);
            return (1, null);
        }
    }

    private static async Task<Dictionary<string, string>?> StoredOverridesAsync(HttpClient http, string app, string environment, CancellationToken cancellationToken)
    {
        try
        {
            var text = await http.GetStringAsync($"fathom/v1/environments?app={Uri.EscapeDataString(app)}&env={Uri.EscapeDataString(environment)}", cancellationToken);
            return TryParse(text)?["environments"]?.AsArray().FirstOrDefault()?["parameterOverrides"]?.AsObject()
                .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
        }
        catch (HttpRequestException)
        {
            // The deploy itself reports an unreachable server.
            return null;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Detail(string body) => (string?)TryParse(body)?["detail"] ?? body;
}
