namespace Fathom.Server.Deploy;

/// <summary>A private folder laid out like the app on the deployer's machine: the template and <c>fathom.yaml</c> as sent,
/// and each uploaded CodeUri folder linked to its artifact's code, so the server validates the template exactly as
/// <c>fathom validate</c> would there (handlers, code paths) without the source.</summary>
internal sealed class DeployStaging : IDisposable
{
    private DeployStaging(string root) => Root = root;

    public string Root { get; }

    public static DeployStaging Create(string dataDirectory, string templateName, string template, string? config,
        IReadOnlyDictionary<string, string> code, string artifactsDirectory)
    {
        var root = Path.Combine(dataDirectory, "staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var staging = new DeployStaging(root);
        try
        {
            // Code first: a CodeUri of "." links the artifact's top-level entries beside the template, which is written after.
            foreach (var (path, hash) in code.OrderBy(c => c.Key.Length))
            {
                var artifactCode = Path.Combine(artifactsDirectory, hash, "code");
                if (path == ".")
                {
                    foreach (var entry in new DirectoryInfo(artifactCode).EnumerateFileSystemInfos())
                    {
                        File.CreateSymbolicLink(Path.Combine(root, entry.Name), entry.FullName);
                    }

                    continue;
                }

                var link = Path.Combine(root, path);
                if (Path.Exists(link))
                {
                    throw new DeployRejectedException(400, $"code folder '{path}' lies inside another code folder; deploy supports separate CodeUri folders");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                Directory.CreateSymbolicLink(link, artifactCode);
            }

            foreach (var name in new[] { "template.yaml", "template.yml", "template.json", "fathom.yaml", "fathom.yml" })
            {
                var existing = Path.Combine(root, name);
                if (Path.Exists(existing))
                {
                    File.Delete(existing);
                }
            }

            File.WriteAllText(Path.Combine(root, templateName), template);
            if (config is not null)
            {
                File.WriteAllText(Path.Combine(root, "fathom.yaml"), config);
            }

            return staging;
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    /// <summary>A path inside the staging folder as the deployer knows it (relative to the app directory).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, Path.TrimEndingDirectorySeparator(path)).Replace('\\', '/');

    /// <summary>A diagnostic's text with the staging folder taken out of its file name.</summary>
    public string Display(string text)
    {
        // Diagnostics name files relative to the working directory when below it, else in full.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Root);
        return text.Replace(Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(relative + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            // Links are removed, never followed: the artifacts they point to stay.
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
