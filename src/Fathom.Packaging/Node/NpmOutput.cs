using System.Text.RegularExpressions;

namespace Fathom.Packaging.Node;

/// <summary>Reads what npm printed: which dependencies' install scripts it skipped under its allowScripts rule.</summary>
internal static partial class NpmOutput
{
    // npm 11 ends an install with a block like:
    //   npm warn install-scripts 1 package has install scripts not yet covered by allowScripts:
    //   npm warn install-scripts   some-pkg@1.2.3 (postinstall: node run.js)
    [GeneratedRegex(@"^npm (?:warn|WARN) install-scripts\s{2,}(?<name>@?[^@\s]+)@(?<version>[^\s(]+)\s+\(", RegexOptions.Multiline)]
    private static partial Regex SkippedLine();

    /// <summary>The skipped packages as <c>name@version</c>, in npm's order.</summary>
    public static IReadOnlyList<string> SkippedInstallScripts(string output) =>
        SkippedLine().Matches(output)
            .Select(m => $"{m.Groups["name"].Value}@{m.Groups["version"].Value}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string DescribeSkipped(string functionName, IReadOnlyList<string> skipped)
    {
        var names = skipped.Select(s => s[..s.LastIndexOf('@')]).Distinct(StringComparer.Ordinal).ToList();
        var entries = string.Join(", ", names.Select(n => $"\"{n}\": true"));
        return $"Function '{functionName}': npm skipped the install scripts of {string.Join(", ", skipped)} "
            + "because package.json's allowScripts does not cover them; if the package needs them (e.g. a native build), "
            + $"allow them in the function's package.json with \"allowScripts\": {{ {entries} }} "
            + $"(or run `npm install-scripts approve {string.Join(' ', names)}` in the function's directory).";
    }
}
