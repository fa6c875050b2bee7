using System.Text;

namespace Fathom.TestKit;

/// <summary>Generated SAM templates that attack the loader: long reference chains, deep nesting, huge sections. Each
/// holds one Node.js function, <c>Fn</c>, with its code in <c>src/</c> (see <see cref="WriteApp"/>).</summary>
public static class HostileTemplates
{
    /// <summary>Deeper than the 25,000 and 20,000 that overflowed the stack before chains were walked iteratively.</summary>
    public const int ChainLength = 40_001;

    private const string Head = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31

        """;

    /// <summary>The function every template holds; <paramref name="attributes"/> go beside its Type.</summary>
    public static string Function(string attributes = "") =>
        "  Fn:\n    Type: AWS::Serverless::Function\n    " + attributes
        + "Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x, Events: {Get: {Type: HttpApi, Properties: {Path: /fn, Method: GET}}}}\n";

    /// <summary>Topics <c>T0 → T1 → … → T(n-1)</c> through <c>DependsOn</c>; with <paramref name="cycle"/> the last
    /// depends on <c>T0</c>, a circular reference.</summary>
    public static string DependsOnChain(int length = ChainLength, bool cycle = false) =>
        Head + "Resources:\n" + Function() + DependsOnChainEntries(length, cycle);

    /// <summary>The entries of <see cref="DependsOnChain"/>, to append to a <c>Resources</c> section.</summary>
    public static string DependsOnChainEntries(int length = ChainLength, bool cycle = false)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var next = i + 1 < length ? $", DependsOn: T{i + 1}" : cycle ? ", DependsOn: T0" : "";
            text.Append($"  T{i}: {{Type: AWS::SNS::Topic{next}}}\n");
        }

        return text.ToString();
    }

    /// <summary>Conditions <c>C0 → C1 → … → C(n-1)</c> through <c>Condition</c>; the last is
    /// <paramref name="last"/> (true), or <c>C0</c> again with <paramref name="cycle"/>. The function exists when
    /// <c>C0</c> is true.</summary>
    public static string ConditionChain(int length = ChainLength, bool cycle = false, bool last = true) =>
        Head + ConditionChainSection(length, cycle, last) + "Resources:\n" + Function("Condition: C0\n    ");

    /// <summary>The <c>Conditions</c> section of <see cref="ConditionChain"/>.</summary>
    public static string ConditionChainSection(int length = ChainLength, bool cycle = false, bool last = true)
    {
        var text = new StringBuilder("Conditions:\n");
        for (var i = 0; i < length; i++)
        {
            var value = i + 1 < length ? $"!Condition C{i + 1}" : cycle ? "!Condition C0" : $"!Equals [a, {(last ? "a" : "b")}]";
            text.Append($"  C{i}: {value}\n");
        }

        return text.ToString();
    }

    /// <summary>Topics whose <c>TopicName</c> is the next topic's name: <c>T0</c> is named after <c>T(n-1)</c>,
    /// which is named <c>last</c>.</summary>
    public static string NameChain(int length = ChainLength)
    {
        var text = new StringBuilder(Head).Append("Resources:\n").Append(Function());
        for (var i = 0; i < length; i++)
        {
            var name = i + 1 < length ? $"!GetAtt T{i + 1}.TopicName" : "last";
            text.Append($"  T{i}: {{Type: AWS::SNS::Topic, Properties: {{TopicName: {name}}}}}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes an app around <paramref name="template"/> (its handler answers <paramref name="answer"/>)
    /// into <paramref name="directory"/>, and returns the template's path.</summary>
    public static string WriteApp(string directory, string template, string answer = "ok")
    {
        Directory.CreateDirectory(Path.Combine(directory, "src"));
        File.WriteAllText(Path.Combine(directory, "src", "index.js"), $"exports.handler = async () => ({{ statusCode: 200, body: '{answer}' }});\n");
        var path = Path.Combine(directory, "template.yaml");
        File.WriteAllText(path, template);
        return path;
    }
}
