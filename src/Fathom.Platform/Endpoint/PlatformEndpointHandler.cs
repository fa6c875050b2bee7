namespace Fathom.Platform.Endpoint;

/// <summary>Answers one path of the platform endpoint.</summary>
/// <param name="request">The function's request, stamped with its caller.</param>
/// <param name="cancellationToken">Cancelled when the environment stops.</param>
public delegate ValueTask<PlatformEndpointResponse> PlatformEndpointHandler(PlatformEndpointRequest request, CancellationToken cancellationToken);
