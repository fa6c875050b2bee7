namespace Fathom.Runtime.Functions;

/// <summary>A validated function version: its definition plus what the runtime derived from it.</summary>
internal sealed record FunctionModel(FunctionDefinition Definition, RuntimeKind Kind, int? DeclaredNodeMajor, int ThrottleLimit, string FunctionArn)
{
    public string Name => Definition.Name;

    public string App => Definition.App;

    public string EnvironmentName => Definition.EnvironmentName;

    public string Version => Definition.Version;

    public string InvokedArn(string? qualifier) => qualifier is null ? FunctionArn : $"{FunctionArn}:{qualifier}";
}
