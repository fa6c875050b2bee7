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

    /// <summary>Every function CloudFormation accepts in resources, outputs and conditions (the <c>Rules</c>-only ones
    /// aside); Fathom evaluates some and keeps the others unresolved with a warning.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Ref, Condition, Sub, GetAtt, Join, Select, Split, If, EqualsFn, And, Or, Not, FindInMap, Base64, ImportValue, Cidr, GetAZs,
        "Fn::Transform", "Fn::Length", "Fn::ToJsonString",
    };

    public static bool TryFromTag(string tag, out string name) => Tags.TryGetValue(tag, out name!);

    /// <summary>True for a function CloudFormation has, including <c>Fn::ForEach::Name</c> loops (AWS::LanguageExtensions).</summary>
    public static bool IsKnown(string name) => Known.Contains(name) || name.StartsWith("Fn::ForEach::", StringComparison.Ordinal);

    public static string UnknownMessage(string name) => $"unknown intrinsic function '{name}'{Validation.Suggestions.Hint(name, Known)}";

    public static bool IsIntrinsicKey(string key) => key == Ref || key == Condition || key.StartsWith("Fn::", StringComparison.Ordinal);
}
