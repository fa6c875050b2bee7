using Fathom.Apps.Templates;

namespace Fathom.Apps.Resources;

/// <summary>A function model plus where each of its events was declared, for errors found later (route conflicts).</summary>
internal sealed record FunctionRead(FunctionModel Model, IReadOnlyDictionary<string, SourceLocation> EventLocations);
