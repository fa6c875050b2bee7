using System.Text;
using Fathom.Gateway.Functions;
using Fathom.Runtime.Invocations;

namespace Fathom.Server.Tests.Support;

/// <summary>One function, <c>hello</c>, with version 1 behind alias <c>live</c>; invoking it returns a fixed greeting.</summary>
internal sealed class StaticFunctions : IFunctionResolver, IFunctionCatalog, IFunctionInvoker
{
    private static readonly FunctionInfo Hello = new()
    {
        Name = "hello",
        Latest = new FunctionVersionInfo { Runtime = "nodejs20.x", Handler = "index.handler" },
        Versions = [new FunctionVersionInfo { Version = "1", Runtime = "nodejs20.x", Handler = "index.handler" }],
        Aliases = [new FunctionAliasInfo { Name = "live", FunctionVersion = "1" }],
    };

    public ValueTask<FunctionResolution?> ResolveAsync(FunctionTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(target.FunctionName == "hello" && target.Qualifier is null or "live" or "1"
            ? new FunctionResolution("hello", target.Qualifier is null ? "$LATEST" : "1")
            : null);

    public ValueTask<IReadOnlyList<FunctionInfo>> ListFunctionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<FunctionInfo>>([Hello]);

    public ValueTask<FunctionInfo?> GetFunctionAsync(string functionName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(functionName == "hello" ? Hello : null);

    public ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new InvocationResult
        {
            RequestId = request.RequestId!,
            Outcome = InvocationOutcome.Success,
            ExecutedVersion = request.Version,
            Payload = Encoding.UTF8.GetBytes("\"hello from " + request.Version + "\""),
        });
}
