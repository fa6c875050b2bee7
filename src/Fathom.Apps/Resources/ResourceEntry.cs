using Fathom.Apps.Templates;

namespace Fathom.Apps.Resources;

/// <summary>A declared or implicit resource, with its properties after Globals were merged in.</summary>
internal sealed record ResourceEntry(string LogicalId, string Type, ScalarNode Key, MappingNode? Declaration, MappingNode Properties, bool Implicit)
{
    public string? ConditionName => Declaration?["Condition"] is ScalarNode { IsNull: false } c ? c.Value : null;
}
