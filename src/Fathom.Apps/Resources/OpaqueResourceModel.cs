using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>A resource Fathom does not emulate: kept as declared and listed as "not emulated".</summary>
public sealed record OpaqueResourceModel
{
    public required string LogicalId { get; init; }

    public required string Type { get; init; }

    /// <summary>The properties as written (intrinsics not resolved).</summary>
    public JsonElement? Properties { get; init; }
}
