namespace Fathom.Server.Admin;

internal sealed record StatusAlias(string Name, string FunctionVersion, IReadOnlyDictionary<string, double> AdditionalVersionWeights);
