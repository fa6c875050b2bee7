using Fathom.Apps.Routes;

namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::Serverless::Api</c> and <c>AWS::Serverless::HttpApi</c>, declared or implicit.</summary>
internal static class ApiReader
{
    public static ApiModel Read(TemplateContext context, ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var rest = entry.Type == ResourceTypes.ServerlessApi;
        var stage = p.String("StageName");
        if (rest && stage is null && !entry.Implicit)
        {
            context.Diagnostics.Error(entry.Key, $"{entry.LogicalId} ({entry.Type}) has no StageName; REST APIs need one");
        }

        foreach (var definition in new[] { "DefinitionBody", "DefinitionUri" }.Where(k => p.Raw(k) is not null))
        {
            context.Diagnostics.Warning(p.LocationOf(definition),
                $"{entry.LogicalId}.{definition} is not read: Fathom routes come from the functions' {(rest ? "Api" : "HttpApi")} events");
        }

        return new ApiModel
        {
            LogicalId = entry.LogicalId,
            Kind = rest ? ApiKind.Rest : ApiKind.Http,
            Implicit = entry.Implicit,
            StageName = stage ?? (rest ? "Prod" : "$default"),
            Name = p.String("Name"),
            Cors = rest ? CorsReader.ReadRest(p, "Cors") : CorsReader.ReadHttp(p, "CorsConfiguration"),
            BinaryMediaTypes = [.. p.StringList("BinaryMediaTypes").Select(t => t.Replace("~1", "/", StringComparison.Ordinal))],
            Auth = p.Data("Auth"),
            AuthSettings = Auth.ApiAuthReader.Read(p, rest),
        };
    }
}
