using System.Text.Json.Serialization;

namespace Fathom.Packaging.Artifacts;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ArtifactManifest))]
internal sealed partial class ArtifactManifestJson : JsonSerializerContext;
