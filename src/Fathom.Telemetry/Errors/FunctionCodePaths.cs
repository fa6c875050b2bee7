using System.Text.RegularExpressions;

namespace Fathom.Telemetry.Errors;

/// <summary>Maps a path a stack names back to the app: the function's code is <c>/var/task/</c> in a sandbox and the
/// artifact's copy under the data directory (<c>.../artifacts/&lt;hash&gt;/code/</c>) without one; both become the path
/// relative to the app, so neither a new artifact per version nor running unsandboxed splits one bug into two issues.</summary>
public static partial class FunctionCodePaths
{
    private const string TaskRoot = "/var/task/";

    /// <summary>The path relative to the app and true when it lies in the function's code; else the path as given.</summary>
    public static (string Path, bool InCode) Relative(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var plain = path.StartsWith("file://", StringComparison.Ordinal) ? path["file://".Length..] : path;
        if (plain.StartsWith(TaskRoot, StringComparison.Ordinal))
        {
            return (plain[TaskRoot.Length..], true);
        }

        var match = ArtifactCode().Match(plain);
        return match.Success ? (plain[(match.Index + match.Length)..], true) : (plain, false);
    }

    [GeneratedRegex("/artifacts/[0-9a-f]{16,}/code/")]
    private static partial Regex ArtifactCode();
}
