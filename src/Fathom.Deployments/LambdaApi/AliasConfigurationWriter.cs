using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fathom.Deployments.Versions;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Writes Lambda's <c>AliasConfiguration</c> and computes its <c>RevisionId</c>.</summary>
internal static class AliasConfigurationWriter
{
    public static void Write(Utf8JsonWriter w, LambdaCall call, FunctionAlias alias, string? description)
    {
        w.WriteStartObject();
        w.WriteString("AliasArn", call.Arn(alias.Function, alias.Name));
        w.WriteString("Name", alias.Name);
        w.WriteString("FunctionVersion", alias.Version.ToString(CultureInfo.InvariantCulture));
        w.WriteString("Description", description ?? "");
        if (alias.Routing is { } routing)
        {
            w.WriteStartObject("RoutingConfig");
            w.WriteStartObject("AdditionalVersionWeights");
            w.WriteNumber(routing.AdditionalVersion.ToString(CultureInfo.InvariantCulture), routing.Weight);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteString("RevisionId", RevisionId(alias, description));
        w.WriteEndObject();
    }

    /// <summary>Changes whenever the alias moves, its routing changes or its description does (UpdateAlias's precondition).</summary>
    public static string RevisionId(FunctionAlias alias, string? description)
    {
        var text = string.Join('\n', alias.Function, alias.Name, alias.Version, alias.Routing?.AdditionalVersion, alias.Routing?.Weight,
            alias.UpdatedAt.UtcTicks, description);
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString();
    }
}
