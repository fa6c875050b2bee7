namespace Fathom.Runtime.RuntimeApi;

/// <summary>Answers the Runtime API calls of one execution environment.</summary>
internal interface IRuntimeApiHandler
{
    ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken cancellationToken);
}
