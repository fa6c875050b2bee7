using Fathom.Apps;
using Fathom.Apps.Overrides;
using Fathom.Deployments.Versions;
using Fathom.Packaging.Artifacts;
using Fathom.Server.Up;

namespace Fathom.Server.Tests.Up;

/// <summary>A SAM app in a temp directory with a real deployment store and artifact builder, as <c>fathom up</c> uses them.</summary>
internal sealed class UpApp : IAsyncDisposable
{
    private UpApp(string directory, DeploymentStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, ".fathom");

    public DeploymentStore Store { get; }

    public static async Task<UpApp> CreateAsync(string template, IReadOnlyDictionary<string, string>? files = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fathom-up-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "template.yaml"), template);
        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            var full = Path.Combine(directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        var store = await DeploymentStore.OpenAsync(Path.Combine(directory, ".fathom"), "app", "local");
        return new UpApp(directory, store);
    }

    public void Write(string path, string content) => File.WriteAllText(Path.Combine(Directory, path), content);

    public AppModel Load()
    {
        var result = AppLoader.Load(Directory, AppLoadOptions.Default);
        result.Errors.Should().BeEmpty();
        return result.Model!;
    }

    /// <summary>Builds and publishes every function, as one <c>fathom up</c> start or reload does.</summary>
    public async Task<IReadOnlyList<BuiltFunction>> BuildAsync(string? envVarsPath = null)
    {
        var builder = new FunctionBuilder(new ArtifactBuilder(), Store, DataDirectory, envVarsPath is null ? null : EnvVarsFile.Load(envVarsPath));
        var built = new List<BuiltFunction>();
        foreach (var function in Load().Functions)
        {
            var result = await builder.BuildAsync(function, TestContext.Current.CancellationToken);
            await Store.SetAliasAsync(function.Name, result.Alias, result.Version, cancellationToken: TestContext.Current.CancellationToken);
            built.Add(result);
        }

        return built;
    }

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
