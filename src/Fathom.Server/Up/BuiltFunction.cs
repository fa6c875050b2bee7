using Fathom.Apps.Resources;
using Fathom.Packaging.Artifacts;

namespace Fathom.Server.Up;

/// <summary>One function after a build: its artifact, and the version it was published as.</summary>
internal sealed record BuiltFunction(FunctionModel Model, PackageResult Package, int Version, bool Created, string Alias);
