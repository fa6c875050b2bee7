namespace Fathom.Apps.Templates;

/// <summary>The CloudFormation intrinsic function names and their YAML short-form tags.</summary>
internal static class IntrinsicNames
{
    public const string Ref = "Ref";
    public const string Condition = "Condition";
    public const string Sub = "Fn::Sub";
    public const string GetAtt = "Fn::GetAtt";
    public const string Join = "Fn::Join";
    public const string Select = "Fn::Select";
    public const string Split = "Fn::Split";
    public const string If = "Fn::If";
    public const string EqualsFn = "Fn::Equals";
    public const string And = "Fn::And";
    public const string Or = "Fn::Or";
    public const string Not = "Fn::Not";
    public const string FindInMap = "Fn::FindInMap";
    public const string Base64 = "Fn::Base64";
    public const string ImportValue = "Fn::ImportValue";
    public const string Cidr = "Fn::Cidr";
    public const string GetAZs = "Fn::GetAZs";

    /// <summary>Short-form tags that CloudFormation accepts; each maps to its long form.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["!Ref"] = Ref,
        ["!Condition"] = Condition,
        ["!Sub"] = Sub,
        ["!GetAtt"] = GetAtt,
        ["!Join"] = Join,
        ["!Select"] = Select,
        ["!Split"] = Split,
        ["!If"] = If,
        ["!Equals"] = EqualsFn,
        ["!And"] = And,
        ["!Or"] = Or,
        ["!Not"] = Not,
        ["!FindInMap"] = FindInMap,
        ["!Base64"] = Base64,
        ["!ImportValue"] = ImportValue,
        ["!Cidr"] = Cidr,
        ["!GetAZs"] = GetAZs,
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
    };

    public static bool TryFromTag(string tag, out string name) => Tags.TryGetValue(tag, out name!);

    public static bool IsIntrinsicKey(string key) => key == Ref || key == Condition || key.StartsWith("Fn::", StringComparison.Ordinal);
}
