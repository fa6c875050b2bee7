using System.Text.Json;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>What <c>GET /fathom/v1/status</c> says about the functions: their versions and aliases.</summary>
internal sealed record AdminStatus(JsonElement Root)
{
    public static AdminStatus Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    public IReadOnlyList<string> FunctionNames =>
        Root.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();

    /// <summary>The function's published version numbers.</summary>
    public IReadOnlyList<int> Versions(string function) =>
        Function(function).GetProperty("versions").EnumerateArray().Select(v => int.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The function's aliases: name → version.</summary>
    public IReadOnlyDictionary<string, string> Aliases(string function) =>
        Function(function).GetProperty("aliases").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("functionVersion").GetString()!);

    private JsonElement Function(string name) =>
        Root.GetProperty("functions").EnumerateArray().FirstOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } function
            ? function
            : throw new KeyNotFoundException($"status lists no function '{name}': {Root}");
}
