using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Resources;

/// <summary>Reads a function's <c>Events</c> into typed event models.</summary>
internal sealed class FunctionEventReader(TemplateContext context)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];

    public (IReadOnlyList<FunctionEventModel> Events, IReadOnlyDictionary<string, SourceLocation> Locations) ReadAll(ResourceEntry function, PropertyReader properties)
    {
        var events = new List<FunctionEventModel>();
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var raw = properties.Raw("Events");
        if (raw is null or ScalarNode { IsNull: true })
        {
            return (events, locations);
        }

        if (raw is not MappingNode map)
        {
            context.Diagnostics.Error(raw, $"{function.LogicalId}.Events must be a mapping of event names to events, not {raw.Kind}");
            return (events, locations);
        }

        foreach (var entry in map.Entries)
        {
            if (entry.Value is not MappingNode declaration || declaration["Type"] is not ScalarNode { IsNull: false } type)
            {
                context.Diagnostics.Error(entry.Key, $"event '{entry.Name}' of {function.LogicalId} needs a Type (Api, HttpApi, Schedule, SQS, ...)");
                continue;
            }

            var owner = $"{function.LogicalId}.Events.{entry.Name}";
            var p = new PropertyReader(context, declaration["Properties"] as MappingNode ?? new MappingNode(declaration.Location, []), owner + ".Properties");
            var model = Read(entry.Name, type, p, owner, function);
            if (model is not null)
            {
                events.Add(model);
                locations[entry.Name] = entry.Key.Location;
            }
        }

        return (events, locations);
    }

    private FunctionEventModel? Read(string name, ScalarNode type, PropertyReader p, string owner, ResourceEntry function)
    {
        switch (type.Value)
        {
            case "Api":
                return new ApiEventModel
                {
                    Name = name,
                    Type = type.Value,
                    Path = Path(p),
                    Method = Method(p) ?? "GET",
                    ApiLogicalId = ApiReference(p, "RestApiId", ResourceTypes.ServerlessApi) ?? ResourceCatalog.ImplicitRestApi,
                    Auth = p.Data("Auth"),
                    AuthSettings = Auth.EventAuthReader.Read(p),
                };
            case "HttpApi":
                var catchAll = p.Raw("Path") is null && p.Raw("Method") is null;
                var version = p.String("PayloadFormatVersion") ?? "2.0";
                if (version is not ("1.0" or "2.0"))
                {
                    context.Diagnostics.Error(p.Raw("PayloadFormatVersion")!, $"{p.Owner}.PayloadFormatVersion must be \"1.0\" or \"2.0\", not '{version}'");
                }

                return new HttpApiEventModel
                {
                    Name = name,
                    Type = type.Value,
                    Path = catchAll ? "$default" : Path(p),
                    Method = catchAll ? "ANY" : Method(p) ?? "ANY",
                    ApiLogicalId = ApiReference(p, "ApiId", ResourceTypes.ServerlessHttpApi) ?? ResourceCatalog.ImplicitHttpApi,
                    PayloadFormatVersion = version,
                    TimeoutInMillis = p.Int("TimeoutInMillis", 50, 30000, " ms"),
                    Auth = p.Data("Auth"),
                    AuthSettings = Auth.EventAuthReader.Read(p),
                };
            case "Schedule":
                return new ScheduleEventModel
                {
                    Name = name,
                    Type = type.Value,
                    Expression = Required(p, "Schedule"),
                    Input = p.String("Input"),
                    Enabled = p.Bool("Enabled") ?? (p.String("State") is { } state ? state == "ENABLED" : true),
                    Description = p.String("Description"),
                };
            case "ScheduleV2":
                return new ScheduleEventModel
                {
                    Name = name,
                    Type = type.Value,
                    Expression = Required(p, "ScheduleExpression"),
                    Timezone = p.String("ScheduleExpressionTimezone"),
                    Input = p.String("Input"),
                    Enabled = p.String("State") is not { } v2State || v2State == "ENABLED",
                    Description = p.String("Description"),
                };
            case "SQS":
                var queueArn = Required(p, "Queue");
                return new SqsEventModel
                {
                    Name = name,
                    Type = type.Value,
                    QueueArn = queueArn,
                    QueueLogicalId = context.Resources.Declared.FirstOrDefault(r =>
                        r.Type == ResourceTypes.Queue && context.Resources.QueueArn(context.Resources.NameOf(r)) == queueArn)?.LogicalId,
                    BatchSize = p.Int("BatchSize", 1, 10000) ?? 10,
                    MaximumBatchingWindowInSeconds = p.Int("MaximumBatchingWindowInSeconds", 0, 300, " s"),
                    Enabled = p.Bool("Enabled") ?? true,
                    ReportBatchItemFailures = p.StringList("FunctionResponseTypes").Contains("ReportBatchItemFailures"),
                };
            case "SNS":
                var topicArn = Required(p, "Topic");
                return new SnsEventModel
                {
                    Name = name,
                    Type = type.Value,
                    TopicArn = topicArn,
                    TopicLogicalId = context.Resources.Declared.FirstOrDefault(r =>
                        r.Type == ResourceTypes.Topic && context.Resources.TopicArn(context.Resources.NameOf(r)) == topicArn)?.LogicalId,
                    FilterPolicy = p.Data("FilterPolicy"),
                };
            case "EventBridgeRule":
                return new EventBridgeRuleEventModel
                {
                    Name = name,
                    Type = type.Value,
                    Pattern = p.Data("Pattern"),
                    EventBusName = p.String("EventBusName"),
                    Input = p.String("Input"),
                };
            default:
                if (ResourceSchemas.OtherEventTypes.Contains(type.Value))
                {
                    context.Diagnostics.Warning(type, $"event '{name}' of {function.LogicalId} has type {type.Value}, which Fathom does not emulate; it is kept but never fires");
                    return new OtherEventModel { Name = name, Type = type.Value, Properties = p.Properties is { } props ? NodeJson.ToJson(props) : null };
                }

                context.Diagnostics.Error(type, $"unknown event type '{type.Value}' on {owner}{Suggestions.Hint(type.Value, ResourceSchemas.AllEventTypes)}");
                return null;
        }
    }

    private string Path(PropertyReader p)
    {
        var path = Required(p, "Path");
        if (path.Length > 0 && !path.StartsWith('/'))
        {
            context.Diagnostics.Error(p.Raw("Path")!, $"{p.Owner}.Path must start with '/', as in '/{path}'");
        }
        else if (path.Length > 0 && PathProblem(path) is { } problem)
        {
            context.Diagnostics.Error(p.Raw("Path")!, $"{p.Owner}.Path '{path}': {problem}");
        }

        return path;
    }

    /// <summary>What API Gateway (and so the gateway) refuses in a resource path; caught here so that it is an error
    /// with a location instead of a route table the server cannot serve.</summary>
    private static string? PathProblem(string path)
    {
        var segments = path.Length == 1 ? [] : path[1..].TrimEnd('/').Split('/');
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                return "it has an empty segment (//)";
            }

            if (!segment.StartsWith('{') || !segment.EndsWith('}'))
            {
                if (segment.AsSpan().IndexOfAny('{', '}') >= 0)
                {
                    return $"a parameter must be a whole segment, not '{segment}'";
                }

                continue;
            }

            var name = segment[1..^1];
            var greedy = name.EndsWith('+');
            name = greedy ? name[..^1] : name;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return $"'{segment}' is not a valid parameter";
            }

            if (greedy && i != segments.Length - 1)
            {
                return $"the greedy parameter '{segment}' must be the last segment";
            }

            if (!names.Add(name))
            {
                return $"parameter '{name}' appears twice";
            }
        }

        return null;
    }

    private string? Method(PropertyReader p)
    {
        var method = p.String("Method");
        if (method is null)
        {
            context.Diagnostics.Error(p.LocationOf("Method"), $"{p.Owner} has no Method");
            return null;
        }

        var upper = method.ToUpperInvariant();
        if (!Methods.Contains(upper))
        {
            context.Diagnostics.Error(p.Raw("Method")!, $"{p.Owner}.Method '{method}' is not an HTTP method; use one of {string.Join(", ", Methods)}");
        }

        return upper;
    }

    private string Required(PropertyReader p, string key)
    {
        var value = p.String(key);
        if (value is null)
        {
            context.Diagnostics.Error(p.LocationOf(key), $"{p.Owner} has no {key}");
        }

        return value ?? string.Empty;
    }

    /// <summary>An event's API must be a <c>!Ref</c> to an API of the right kind in this template.</summary>
    private string? ApiReference(PropertyReader p, string key, string expectedType)
    {
        var raw = p.Raw(key);
        if (raw is null)
        {
            return null;
        }

        var target = raw switch
        {
            MappingNode map when map.IsIntrinsic(out var fn, out var argument) && fn == "Ref" && argument is ScalarNode s => s.Value,
            ScalarNode scalar => scalar.Value,
            _ => null,
        };
        if (target is null)
        {
            context.Diagnostics.Error(raw, $"{p.Owner}.{key} must be !Ref to an {expectedType} in this template");
            return null;
        }

        if (!context.Resources.TryGet(target, out var api))
        {
            context.Diagnostics.Error(raw, context.UnknownReferenceMessage(target));
            return null;
        }

        if (api.Type != expectedType)
        {
            context.Diagnostics.Error(raw, $"{p.Owner}.{key} refers to '{target}', which is {api.Type}, not {expectedType}");
            return null;
        }

        return target;
    }
}
