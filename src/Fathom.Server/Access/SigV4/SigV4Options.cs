using Fathom.Gateway.Routing;
using Microsoft.AspNetCore.Authentication;

namespace Fathom.Server.Access.SigV4;

/// <summary>Settings of the <see cref="AccessSchemes.SigV4"/> scheme.</summary>
public sealed class SigV4Options : AuthenticationSchemeOptions
{
    /// <summary>The service a credential scope must name: the AWS-shaped APIs on the admin port are Lambda's.</summary>
    public string Service { get; set; } = "lambda";

    /// <summary>The largest body hashed to check a signature: Lambda's synchronous Invoke limit, the largest request any
    /// AWS-shaped API here takes. A larger one is refused before it is read.</summary>
    public long MaxBodyBytes { get; set; } = GatewayDefaults.MaxSyncPayloadBytes;
}
