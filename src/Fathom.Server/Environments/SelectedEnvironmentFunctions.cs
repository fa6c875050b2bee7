using Fathom.Gateway.Functions;
using Fathom.Runtime.Invocations;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Environments;

/// <summary>The Invoke API's view on a host with several environments: each request resolves and lists functions of
/// the environment it addresses (<c>/aws/{app}/{env}/…</c>, or the only one), and an invocation runs in the environment
/// its resolution named. The Invoke API itself stays unaware of environments.</summary>
internal sealed class SelectedEnvironmentFunctions(EnvironmentRegistry registry, IHttpContextAccessor http)
    : IFunctionResolver, IFunctionCatalog, IFunctionInvoker
{
    public ValueTask<FunctionResolution?> ResolveAsync(FunctionTarget target, CancellationToken cancellationToken) =>
        Selected() is { } environment ? environment.Resolver.ResolveAsync(target, cancellationToken) : ValueTask.FromResult<FunctionResolution?>(null);

    public ValueTask<IReadOnlyList<FunctionInfo>> ListFunctionsAsync(CancellationToken cancellationToken) =>
        Selected() is { } environment ? environment.Catalog.ListFunctionsAsync(cancellationToken) : ValueTask.FromResult<IReadOnlyList<FunctionInfo>>([]);

    public ValueTask<FunctionInfo?> GetFunctionAsync(string functionName, CancellationToken cancellationToken) =>
        Selected() is { } environment ? environment.Catalog.GetFunctionAsync(functionName, cancellationToken) : ValueTask.FromResult<FunctionInfo?>(null);

    /// <summary>By the request's own app and environment, not the HTTP request's: Event invocations run after it ended.</summary>
    public ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        registry.Get(request.App, request.Environment) is { } environment
            ? environment.Invoker.InvokeAsync(request, cancellationToken)
            : throw new FunctionNotFoundException(request.FunctionName, request.Version);

    private AppEnvironment? Selected() => http.HttpContext is { } context ? registry.Select(context, out _) : null;
}
