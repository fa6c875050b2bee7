using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;

namespace Fathom.Deployments.LambdaApi;

/// <summary>The fallback <see cref="IFunctionVersionDescriber"/>: only what the version row holds (code hash, time,
/// description), for a host that registered no describer.</summary>
internal sealed class VersionRowDescriber : IFunctionVersionDescriber
{
    public static readonly VersionRowDescriber Instance = new();

    public FunctionVersionInfo Describe(FunctionVersion version, string label) => new()
    {
        Version = label,
        Runtime = "",
        CodeSha256 = IsHex(version.ArtifactHash) ? Convert.ToBase64String(Convert.FromHexString(version.ArtifactHash)) : version.ArtifactHash,
        Description = version.Description,
        LastModified = version.CreatedAt,
    };

    private static bool IsHex(string text) => text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);
}
