namespace Fathom.IntegrationTests.Authorizers;

/// <summary>The test classes that share one <see cref="AuthorizerAppFixture"/> (one <c>fathom up</c>).</summary>
[CollectionDefinition(Name)]
public sealed class AuthorizerAppCollection : ICollectionFixture<AuthorizerAppFixture>
{
    public const string Name = "authorizer app";
}
