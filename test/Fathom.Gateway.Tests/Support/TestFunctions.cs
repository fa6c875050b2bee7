using Fathom.Gateway.Functions;

namespace Fathom.Gateway.Tests.Support;

/// <summary>Resolver and catalog over a fixed list of functions: aliases map to their version.</summary>
internal sealed class TestFunctions(IReadOnlyList<FunctionInfo> functions) : IFunctionResolver, IFunctionCatalog
{
    public static TestFunctions Default { get; } = new([
        new FunctionInfo
        {
            Name = "hello",
            Latest = new FunctionVersionInfo
            {
                Runtime = "nodejs20.x", Handler = "index.handler", MemorySizeMb = 256, TimeoutSeconds = 10,
                Environment = new Dictionary<string, string> { ["TABLE"] = "orders" }, CodeSha256 = "c2hhMjU2", CodeSize = 1234,
                LastModified = new DateTimeOffset(2026, 1, 15, 10, 20, 30, 123, TimeSpan.Zero),
            },
            Versions = [
                new FunctionVersionInfo { Version = "1", Runtime = "nodejs20.x", Handler = "index.handler", MemorySizeMb = 128 },
                new FunctionVersionInfo { Version = "2", Runtime = "nodejs20.x", Handler = "index.handler", MemorySizeMb = 256 },
            ],
            Aliases = [new FunctionAliasInfo { Name = "live", FunctionVersion = "2" }],
        },
        new FunctionInfo { Name = "orders", Latest = new FunctionVersionInfo { Runtime = "provided.al2023", Handler = "bootstrap" } },
        new FunctionInfo { Name = "reports", Latest = new FunctionVersionInfo { Runtime = "nodejs22.x", Handler = "app.handler" } },
    ]);

    public ValueTask<FunctionResolution?> ResolveAsync(FunctionTarget target, CancellationToken cancellationToken)
    {
        var function = functions.FirstOrDefault(f => f.Name == target.FunctionName);
        var version = target.Qualifier switch
        {
            null => "$LATEST",
            var q when function?.FindVersion(q) is not null => q,
            var q => function?.Aliases.FirstOrDefault(a => a.Name == q)?.FunctionVersion,
        };
        return ValueTask.FromResult(function is null || version is null ? null : new FunctionResolution(function.Name, version, "test", "test"));
    }

    public ValueTask<IReadOnlyList<FunctionInfo>> ListFunctionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(functions);

    public ValueTask<FunctionInfo?> GetFunctionAsync(string functionName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(functions.FirstOrDefault(f => f.Name == functionName));
}
