using System.Text;

namespace Fathom.Apps.Tests.Templates;

/// <summary>Templates an attacker writes, by name: the file's bytes and what the load must say (an error containing
/// the text, or null when the template is valid). Sizes stay small enough that the whole corpus loads in seconds.</summary>
internal static class HostileTemplateCorpus
{
    private const string Head = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

    public static readonly IReadOnlyDictionary<string, (byte[] Bytes, string? Error)> All = new Dictionary<string, (byte[], string?)>(StringComparer.Ordinal)
    {
        // Functions CloudFormation does not have.
        ["unknown function in a property"] = Text(Resources(Fn("MemorySize: {Fn::Bogus: 128}")), "unknown intrinsic function 'Fn::Bogus'"),
        ["unknown function nothing reads"] = Text(Resources(HostileTemplates.Function() + "  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: {Note: {Fn::Bogus: x}}\n"), "unknown intrinsic function 'Fn::Bogus'"),
        ["misspelt function"] = Text(Resources(Fn("Description: {Fn::Jion: ['-', [a, b]]}")), "did you mean 'Fn::Join'?"),
        ["function in Mappings"] = Text(Head + "Mappings:\n  M: {k: {v: {Fn::FindInMap: [M, k, v]}}}\nResources:\n" + Fn("Description: !FindInMap [M, k, v]"), "Mappings hold plain values"),

        // Bytes that are not UTF-8 text.
        ["invalid UTF-8 in a value"] = Bytes(Resources(Fn("Description: caf\u00e9")), "café", [0x63, 0x61, 0x66, 0xFF], "invalid UTF-8: byte 0xFF"),
        ["invalid UTF-8 in a comment"] = Bytes(Resources(HostileTemplates.Function()) + "# caf\u00e9\n", "café", [0x63, 0x61, 0x66, 0xE9], "invalid UTF-8: byte 0xE9"),
        ["overlong UTF-8"] = Bytes(Resources(Fn("Description: x/y")), "/", [0xC0, 0xAF], "invalid UTF-8: byte 0xC0"),
        ["UTF-8-encoded surrogate"] = Bytes(Resources(Fn("Description: x?y")), "?", [0xED, 0xA0, 0x80], "invalid UTF-8: byte 0xED"),
        ["UTF-8 cut at the end of the file"] = Bytes(Resources(HostileTemplates.Function()) + "#~", "~", [0xE2, 0x82], "invalid UTF-8: byte 0xE2"),
        ["escaped lone surrogate"] = Text(Resources(Fn("Description: \"\\ud800\"")), "invalid Unicode surrogates"),
        ["NUL byte"] = Bytes(Resources(Fn("Description: a~b")), "~", [0x00], "invalid YAML"),

        // Size and shape.
        ["nesting over the limit"] = Text(Resources(Fn("Description: " + new string('[', 150) + new string(']', 150))), "nesting is deeper than 100 levels"),
        ["alias bomb"] = Text(AliasBomb(), "through YAML aliases"),
        ["more nodes than the limit"] = Text(Head + "Metadata: [" + string.Join(',', Enumerable.Repeat("a", 1_000_001)) + "]\nResources:\n" + HostileTemplates.Function(), "the document has more than 1,000,000 nodes"),
        ["thousands of duplicate keys"] = Text(Resources(HostileTemplates.Function() + string.Concat(Enumerable.Repeat("  Fn:\n    Type: AWS::SNS::Topic\n", 5_000))), "duplicate key 'Fn'"),
        ["a list at the root"] = Text("[a, b]\n", "a template must be a mapping"),
        ["an empty file"] = Text("", "the file is empty"),

        // References that go round or on and on.
        ["condition cycle through a resource name"] = Text(
            Head + "Conditions:\n  C: !Equals [!Ref T, x]\nResources:\n" + HostileTemplates.Function("Condition: C\n    ") + "  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !If [C, a, b]}\n",
            "circular condition: C -> T -> C"),
        ["name that refers to itself"] = Text(Resources(HostileTemplates.Function() + "  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Sub '${T}-x'}\n"), "circular reference: T -> T"),
        ["20,000 misspelt references"] = Text(Resources(HostileTemplates.Function() + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  T{i:00000}: {{Type: AWS::SNS::Topic, Properties: {{TopicName: !Ref X{i:00000}}}}}\n"))), "unknown reference 'X00000'"),

        // Valid, only large or deep.
        ["deep nesting kept as JSON"] = Text(Resources(HostileTemplates.Function() + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " + new string('[', 90) + new string(']', 90) + "\n"), null),
        ["deeply nested functions"] = Text(Resources(Fn("Description: " + string.Concat(Enumerable.Repeat("!Join ['', [", 45)) + "x" + string.Concat(Enumerable.Repeat("]]", 45)))), null),
        ["a 2 MB string"] = Text(Resources(Fn("Description: '" + new string('x', 2 * 1024 * 1024) + "'")), null),
        ["a Sub with 50,000 variables"] = Text(Resources(Fn("Description: !Sub '" + string.Concat(Enumerable.Repeat("${AWS::Region}", 50_000)) + "'")), null),
        ["UTF-16 with a byte order mark"] = (Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Resources(Fn("Description: café")))).ToArray(), null),
    };

    private static string Resources(string resources) => Head + "Resources:\n" + resources;

    /// <summary>The function <c>Fn</c> with one more property.</summary>
    private static string Fn(string property) =>
        $"  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: index.handler\n      Runtime: nodejs20.x\n      {property}\n";

    private static (byte[], string?) Text(string text, string? error) => (Encoding.UTF8.GetBytes(text), error);

    /// <summary>The text with the first <paramref name="marker"/> replaced by raw bytes.</summary>
    private static (byte[], string?) Bytes(string text, string marker, byte[] replacement, string error)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return ([.. Encoding.UTF8.GetBytes(text[..at]), .. replacement, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])], error);
    }

    private static string AliasBomb()
    {
        var text = new StringBuilder(Head).Append("Metadata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*l{i - 1}", 10))}]\n");
        }

        return text.Append("Resources:\n").Append(HostileTemplates.Function()).ToString();
    }
}
