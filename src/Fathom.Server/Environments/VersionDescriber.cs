using Fathom.Deployments.LambdaApi;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;

namespace Fathom.Server.Environments;

/// <summary>Renders any environment's published version as the Lambda API shows it: a version's configuration is its
/// own (kept with it), so one describer serves every environment of the host.</summary>
internal sealed class VersionDescriber : IFunctionVersionDescriber
{
    public FunctionVersionInfo Describe(FunctionVersion version, string label) => AppCatalog.ToVersionInfo(version, label);
}
