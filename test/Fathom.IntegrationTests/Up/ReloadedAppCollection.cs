namespace Fathom.IntegrationTests.Up;

/// <summary>The test classes that share <see cref="ReloadedAppFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReloadedAppCollection : ICollectionFixture<ReloadedAppFixture>
{
    public const string Name = "reloaded app";
}
