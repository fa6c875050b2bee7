using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Turns a published version's configuration JSON into Lambda's configuration fields. The host that publishes
/// versions knows the JSON's shape (<c>fathom up</c>'s published config) and registers this; without one the management
/// API answers with what the version row itself holds.</summary>
public interface IFunctionVersionDescriber
{
    /// <param name="version">The published version.</param>
    /// <param name="label">What <c>Version</c> says: the number, or <c>$LATEST</c> for the newest.</param>
    FunctionVersionInfo Describe(FunctionVersion version, string label);
}
