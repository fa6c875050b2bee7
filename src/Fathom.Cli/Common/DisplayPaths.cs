namespace Fathom.Cli.Common;

/// <summary>Shows paths relative to the current directory when they are below it.</summary>
internal static class DisplayPaths
{
    public static string Of(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
