using Fathom.Apps.Globals;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Resources;

/// <summary>
/// All resources by logical id, including SAM's implicit ones, and what <c>Ref</c> and <c>Fn::GetAtt</c> return for
/// them. Values are stable local stand-ins for what AWS would generate, built from names and the pseudo parameters.
/// </summary>
internal sealed class ResourceCatalog
{
    public const string ImplicitRestApi = "ServerlessRestApi";
    public const string ImplicitHttpApi = "ServerlessHttpApi";

    private static readonly Dictionary<string, string> NameProperties = new(StringComparer.Ordinal)
    {
        [ResourceTypes.ServerlessFunction] = "FunctionName",
        [ResourceTypes.LambdaFunction] = "FunctionName",
        [ResourceTypes.Queue] = "QueueName",
        [ResourceTypes.Topic] = "TopicName",
        [ResourceTypes.SimpleTable] = "TableName",
        ["AWS::DynamoDB::Table"] = "TableName",
        [ResourceTypes.Alarm] = "AlarmName",
        [ResourceTypes.Role] = "RoleName",
        ["AWS::S3::Bucket"] = "BucketName",
        ["AWS::Serverless::LayerVersion"] = "LayerName",
        ["AWS::Lambda::LayerVersion"] = "LayerName",
    };

    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.Ordinal)
    {
        [ResourceTypes.ServerlessFunction] = ["Arn"],
        [ResourceTypes.LambdaFunction] = ["Arn"],
        [ResourceTypes.Queue] = ["Arn", "QueueName", "QueueUrl"],
        [ResourceTypes.Topic] = ["TopicArn", "TopicName"],
        [ResourceTypes.SimpleTable] = ["Arn"],
        [ResourceTypes.Alarm] = ["Arn"],
        [ResourceTypes.Role] = ["Arn", "RoleId"],
        [ResourceTypes.ServerlessApi] = ["RootResourceId"],
        [ResourceTypes.ServerlessHttpApi] = ["ApiEndpoint", "ApiId"],
    };

    private readonly TemplateContext _context;
    private readonly Dictionary<string, ResourceEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private IReadOnlyList<ResourceEntry>? _all;

    public ResourceCatalog(TemplateContext context)
    {
        _context = context;
        var section = context.Root["Resources"];
        if (section is not MappingNode resources || resources.Entries.Count == 0)
        {
            context.Diagnostics.Error(section ?? (TemplateNode)context.Root, "the template has no Resources; a SAM app declares at least one function");
            return;
        }

        var globals = new GlobalsMerger(context.Root["Globals"], context.Diagnostics);
        foreach (var entry in resources.Entries)
        {
            Add(entry, globals);
        }

        AddImplicitResources(globals);
    }

    /// <summary>Declared resources in template order, then implicit ones.</summary>
    public IReadOnlyList<ResourceEntry> All => _all ??= [.. _entries.Values];

    public IEnumerable<ResourceEntry> Declared => _entries.Values.Where(e => !e.Implicit);

    public bool TryGet(string logicalId, out ResourceEntry entry) => _entries.TryGetValue(logicalId, out entry!);

    /// <summary>The resource's physical name: its name property when set, else its logical id.</summary>
    public string NameOf(ResourceEntry entry)
    {
        if (_names.TryGetValue(entry.LogicalId, out var known))
        {
            return known;
        }

        if (NameDefinition(entry.LogicalId) is null)
        {
            return _names[entry.LogicalId] = entry.LogicalId;
        }

        // A name that refers back to itself is reported by the circular-reference validator; the logical id stands in.
        if (_context.Order.IsEvaluatingName(entry.LogicalId))
        {
            return entry.LogicalId;
        }

        _context.Order.EvaluateName(entry.LogicalId);
        return _names.GetValueOrDefault(entry.LogicalId, entry.LogicalId);
    }

    /// <summary>The name property's value as written (<c>FunctionName</c>, <c>QueueName</c>, ...), or null when the
    /// resource has none and is named after its logical id.</summary>
    public TemplateNode? NameDefinition(string logicalId) =>
        _entries.TryGetValue(logicalId, out var entry) && NameProperties.TryGetValue(entry.Type, out var property)
            ? entry.Properties[property]
            : null;

    /// <summary>The resource whose name a <c>Ref</c>, <c>Fn::GetAtt</c> or <c>${...}</c> of <paramref name="reference"/>
    /// reads, when that name comes from a property; null otherwise.</summary>
    public string? NamedBy(string reference)
    {
        var dot = reference.LastIndexOf('.');
        var logicalId = _entries.ContainsKey(reference) || dot < 0 ? reference : reference[..dot];
        return NameDefinition(logicalId) is not null ? logicalId : null;
    }

    /// <summary>Resolves the resource's name property and keeps it; <see cref="Intrinsics.EvaluationOrder"/> calls this
    /// once everything it refers to is resolved.</summary>
    public void ComputeName(string logicalId)
    {
        if (NameDefinition(logicalId) is { } node)
        {
            _names[logicalId] = _context.Resolver.ResolveText(node) ?? logicalId;
        }
    }

    public string FunctionArn(string name) => $"arn:aws:lambda:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:function:{name}";

    public string QueueArn(string name) => $"arn:aws:sqs:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:{name}";

    public string QueueUrl(string name) => $"https://sqs.{_context.Pseudo.Region}.amazonaws.com/{_context.Pseudo.AccountId}/{name}";

    public string TopicArn(string name) => $"arn:aws:sns:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:{name}";

    public string TableArn(string name) => $"arn:aws:dynamodb:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:table/{name}";

    public string AlarmArn(string name) => $"arn:aws:cloudwatch:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:alarm:{name}";

    public string RoleArn(string name) => $"arn:aws:iam::{_context.Pseudo.AccountId}:role/{name}";

    /// <summary>What <c>Ref</c> returns for a resource.</summary>
    public string RefValue(ResourceEntry entry) => entry.Type switch
    {
        ResourceTypes.ServerlessFunction or ResourceTypes.LambdaFunction => NameOf(entry),
        ResourceTypes.Queue => QueueUrl(NameOf(entry)),
        ResourceTypes.Topic => TopicArn(NameOf(entry)),
        ResourceTypes.ServerlessApi or ResourceTypes.ServerlessHttpApi => ApiId(entry),
        "AWS::Serverless::LayerVersion" or "AWS::Lambda::LayerVersion" =>
            $"arn:aws:lambda:{_context.Pseudo.Region}:{_context.Pseudo.AccountId}:layer:{NameOf(entry)}:1",
        _ => NameOf(entry),
    };

    /// <summary>
    /// What <c>Fn::GetAtt</c> returns. Unknown attributes of emulated types are errors; other types are opaque, so any
    /// attribute gets a placeholder value.
    /// </summary>
    public string? AttributeValue(ResourceEntry entry, string attribute, out string? error)
    {
        error = null;
        var name = NameOf(entry);
        string? value = (entry.Type, attribute) switch
        {
            (ResourceTypes.ServerlessFunction or ResourceTypes.LambdaFunction, "Arn") => FunctionArn(name),
            (ResourceTypes.Queue, "Arn") => QueueArn(name),
            (ResourceTypes.Queue, "QueueName") => name,
            (ResourceTypes.Queue, "QueueUrl") => QueueUrl(name),
            (ResourceTypes.Topic, "TopicArn") => TopicArn(name),
            (ResourceTypes.Topic, "TopicName") => name,
            (ResourceTypes.SimpleTable, "Arn") => TableArn(name),
            (ResourceTypes.Alarm, "Arn") => AlarmArn(name),
            (ResourceTypes.Role, "Arn") => RoleArn(name),
            (ResourceTypes.Role, "RoleId") => "AROA" + name.ToUpperInvariant(),
            (ResourceTypes.ServerlessApi, "RootResourceId") => "root",
            (ResourceTypes.ServerlessHttpApi, "ApiId") => ApiId(entry),
            (ResourceTypes.ServerlessHttpApi, "ApiEndpoint") =>
                $"https://{ApiId(entry)}.execute-api.{_context.Pseudo.Region}.amazonaws.com",
            _ => null,
        };
        if (value is not null)
        {
            return value;
        }

        if (Attributes.TryGetValue(entry.Type, out var known))
        {
            error = $"'{entry.LogicalId}' ({entry.Type}) has no attribute '{attribute}'; it has {string.Join(", ", known)}";
            return null;
        }

        return $"{entry.LogicalId}.{attribute}";
    }

    private static string ApiId(ResourceEntry entry) => entry.LogicalId.ToLowerInvariant();

    private void Add(TemplateEntry entry, GlobalsMerger globals)
    {
        if (entry.Value is not MappingNode declaration)
        {
            _context.Diagnostics.Error(entry.Value, $"resource '{entry.Name}' must be a mapping with a Type");
            return;
        }

        if (declaration["Type"] is not ScalarNode { IsNull: false } type)
        {
            _context.Diagnostics.Error(entry.Key, $"resource '{entry.Name}' has no Type");
            return;
        }

        var properties = declaration["Properties"];
        if (properties is not null and not MappingNode and not ScalarNode { IsNull: true })
        {
            _context.Diagnostics.Error(properties, $"Properties of '{entry.Name}' must be a mapping, not {properties.Kind}");
        }

        var map = properties as MappingNode ?? new MappingNode(declaration.Location, []);
        _entries[entry.Name] = new ResourceEntry(entry.Name, type.Value, entry.Key, declaration, globals.Apply(type.Value, map, declaration["IgnoreGlobals"]), Implicit: false);
    }

    private void AddImplicitResources(GlobalsMerger globals)
    {
        var needsRest = false;
        var needsHttp = false;
        foreach (var function in _entries.Values.Where(e => e.Type == ResourceTypes.ServerlessFunction).ToList())
        {
            if (function.Properties["Role"] is null)
            {
                AddImplicit(function.LogicalId + "Role", ResourceTypes.Role, function.Key, globals);
            }

            if (function.Properties["Events"] is not MappingNode events)
            {
                continue;
            }

            foreach (var @event in events.Entries.Select(e => e.Value).OfType<MappingNode>())
            {
                var type = (@event["Type"] as ScalarNode)?.Value;
                var properties = @event["Properties"] as MappingNode;
                needsRest |= type == "Api" && properties?["RestApiId"] is null;
                needsHttp |= type == "HttpApi" && properties?["ApiId"] is null;
            }
        }

        if (needsRest)
        {
            AddImplicit(ImplicitRestApi, ResourceTypes.ServerlessApi, null, globals);
        }

        if (needsHttp)
        {
            AddImplicit(ImplicitHttpApi, ResourceTypes.ServerlessHttpApi, null, globals);
        }
    }

    private void AddImplicit(string logicalId, string type, ScalarNode? near, GlobalsMerger globals)
    {
        if (_entries.ContainsKey(logicalId))
        {
            return;
        }

        var at = near?.Location ?? SourceLocation.OfFile(_context.File);
        var key = new ScalarNode(at, logicalId);
        _entries[logicalId] = new ResourceEntry(logicalId, type, key, null, globals.Apply(type, new MappingNode(at, [])), Implicit: true);
    }
}
