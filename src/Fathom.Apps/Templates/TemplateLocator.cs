namespace Fathom.Apps.Templates;

/// <summary>Finds an application's template file the way SAM CLI does.</summary>
public static class TemplateLocator
{
    private static readonly string[] Names = ["template.yaml", "template.yml", "template.json"];

    /// <summary>Resolves a directory or file path to a template file, or null when none exists.</summary>
    public static string? Find(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        return Names.Select(n => Path.Combine(path, n)).Where(File.Exists).Select(Path.GetFullPath).FirstOrDefault();
    }
}
