namespace Fathom.Apps.Tests;

/// <summary>Finds the repository's testassets/ folder from the test binary's location.</summary>
internal static class TestAssets
{
    public static string Root { get; } = Find();

    public static string Valid(string name) => Path.Combine(Root, "templates", "valid", name);

    public static string Invalid(string name) => Path.Combine(Root, "templates", "invalid", name);

    public static AppModel LoadValid(string name, AppLoadOptions? options = null)
    {
        var result = AppLoader.Load(Valid(name), options ?? AppLoadOptions.Default);
        result.Errors.Should().BeEmpty();
        return result.Model!;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "testassets");
            if (Directory.Exists(Path.Combine(candidate, "templates")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("testassets/templates not found above " + AppContext.BaseDirectory);
    }
}
