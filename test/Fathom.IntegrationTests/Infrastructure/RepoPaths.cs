namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>Locates the checkout's folders and the built CLI from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestAssets => Path.Combine(Root, "testassets");

    public static string Examples => Path.Combine(Root, "examples");

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "fathom.dll");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fathom.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Fathom.slnx not found above " + AppContext.BaseDirectory);
    }
}
