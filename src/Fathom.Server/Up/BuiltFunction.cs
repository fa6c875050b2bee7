using Fathom.Apps.Resources;
using Fathom.Packaging.Artifacts;

namespace Fathom.Server.Up;

/// <summary>One function after a build: its artifact, the version it was published as, and the configuration the
/// release records.</summary>
internal sealed record BuiltFunction(FunctionModel Model, PackageResult Package, int Version, bool Created, string Alias, string ConfigHash = "", string ConfigJson = "{}");
