namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>A copy of a test app in a temp directory, so tests can edit it and its .fathom state stays out of the checkout.</summary>
internal sealed class TempApp : IDisposable
{
    private TempApp(string directory) => Directory = directory;

    public string Directory { get; }

    public static TempApp CopyOf(string sourceDirectory)
    {
        var target = Path.Combine(Path.GetTempPath(), "fathom-it-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(sourceDirectory, target);
        return new TempApp(target);
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Copy(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is ".fathom" or "node_modules" or ".aws-sam")
            {
                continue;
            }

            Copy(directory, Path.Combine(target, name));
        }
    }
}
