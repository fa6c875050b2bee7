namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>The test classes that share <see cref="GatewayAppFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayAppCollection : ICollectionFixture<GatewayAppFixture>
{
    public const string Name = "gateway app";
}
