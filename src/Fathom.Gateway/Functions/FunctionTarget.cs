namespace Fathom.Gateway.Functions;

/// <summary>What a caller asked for: a function name and an optional alias or version.</summary>
public readonly record struct FunctionTarget(string FunctionName, string? Qualifier);
