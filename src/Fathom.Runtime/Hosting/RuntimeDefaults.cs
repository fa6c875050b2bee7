namespace Fathom.Runtime.Hosting;

/// <summary>Default locations (DESIGN.md "Data").</summary>
public static class RuntimeDefaults
{
    /// <summary><c>$XDG_CACHE_HOME/fathom</c>, else <c>~/.cache/fathom</c>.</summary>
    public static string CacheDirectory() => Xdg("XDG_CACHE_HOME", ".cache");

    /// <summary><c>$XDG_STATE_HOME/fathom</c>, else <c>~/.local/state/fathom</c>.</summary>
    public static string StateDirectory() => Xdg("XDG_STATE_HOME", Path.Combine(".local", "state"));

    private static string Xdg(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        var root = string.IsNullOrEmpty(value)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), fallback)
            : value;
        return Path.Combine(root, "fathom");
    }
}
