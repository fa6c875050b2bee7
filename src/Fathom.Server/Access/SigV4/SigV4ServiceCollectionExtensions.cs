using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access.SigV4;

public static class SigV4ServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="AccessSchemes.SigV4"/> authentication scheme: AWS Signature Version 4 checked against
    /// the keys of <see cref="IAwsAccessKeys"/> (a request is refused as from an unknown key until one is registered).</summary>
    public static AuthenticationBuilder AddFathomSigV4(this IServiceCollection services, Action<SigV4Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddAuthentication().AddScheme<SigV4Options, SigV4AuthenticationHandler>(AccessSchemes.SigV4, configure);
    }
}
