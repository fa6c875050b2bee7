using Fathom.Gateway.Functions;
using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Up;

public sealed class AppCatalogTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Hello:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "exports.handler = async () => 1;"
              Handler: index.handler
              Runtime: nodejs20.x
              MemorySize: 256
              AutoPublishAlias: prod
              Environment:
                Variables:
                  STAGE: one
        """;

    [Fact]
    public async Task ListFunctionsAsync_ServedFunctions_ShowVersionsAliasesAndNewestConfigAsLatest()
    {
        await using var app = await UpApp.CreateAsync(Template);
        await app.BuildAsync();
        app.Write("template.yaml", Template.Replace("STAGE: one", "STAGE: two", StringComparison.Ordinal));
        await app.BuildAsync();
        var catalog = new AppCatalog(app.Store, () => ["Hello"]);

        var functions = await catalog.ListFunctionsAsync(TestContext.Current.CancellationToken);

        var hello = functions.Should().ContainSingle().Which;
        hello.Name.Should().Be("Hello");
        hello.Versions.Select(v => v.Version).Should().Equal("1", "2");
        hello.Aliases.Select(a => (a.Name, a.FunctionVersion)).Should().Equal(("prod", "2"));
        hello.Latest.Version.Should().Be("$LATEST");
        hello.Latest.Environment["STAGE"].Should().Be("two");
        hello.Latest.MemorySizeMb.Should().Be(256);
        hello.Versions[0].Environment["STAGE"].Should().Be("one");
    }

    [Fact]
    public async Task Describe_AVersion_GivesTheManagementApiItsConfigurationWithTheTemplatesReservedConcurrency()
    {
        await using var app = await UpApp.CreateAsync(Template.Replace("MemorySize: 256", "MemorySize: 256\n      ReservedConcurrentExecutions: 3", StringComparison.Ordinal));
        await app.BuildAsync();
        var catalog = new AppCatalog(app.Store, () => ["Hello"]);

        var described = catalog.Describe(app.Store.State.Functions["Hello"].Latest!, "1");

        described.Version.Should().Be("1");
        described.Handler.Should().Be("index.handler");
        described.MemorySizeMb.Should().Be(256);
        described.ReservedConcurrency.Should().Be(3);
    }

    [Fact]
    public async Task GetFunctionAsync_FunctionNoLongerServed_IsNotFound()
    {
        await using var app = await UpApp.CreateAsync(Template);
        await app.BuildAsync();
        var catalog = new AppCatalog(app.Store, () => []);

        var function = await catalog.GetFunctionAsync("Hello", TestContext.Current.CancellationToken);
        var list = await catalog.ListFunctionsAsync(TestContext.Current.CancellationToken);

        function.Should().BeNull();
        list.Should().BeEmpty();
    }

    [Fact]
    public async Task ResolveAsync_AliasVersionOrUnknown_ResolvesAsTheGatewayNeeds()
    {
        await using var app = await UpApp.CreateAsync(Template);
        await app.BuildAsync();
        app.Write("template.yaml", Template.Replace("STAGE: one", "STAGE: two", StringComparison.Ordinal));
        await app.BuildAsync();
        await app.Store.SetDefaultAliasAsync("Hello", "prod", TestContext.Current.CancellationToken);
        var resolver = new DeploymentResolver(app.Store);
        var ct = TestContext.Current.CancellationToken;

        var byAlias = await resolver.ResolveAsync(new FunctionTarget("Hello", "prod"), ct);
        var byVersion = await resolver.ResolveAsync(new FunctionTarget("Hello", "1"), ct);
        var unqualified = await resolver.ResolveAsync(new FunctionTarget("Hello", null), ct);
        var unknownAlias = await resolver.ResolveAsync(new FunctionTarget("Hello", "beta"), ct);
        var unknownFunction = await resolver.ResolveAsync(new FunctionTarget("Nope", null), ct);

        byAlias.Should().Be(new FunctionResolution("Hello", "2", "app", "local"));
        byVersion.Should().Be(new FunctionResolution("Hello", "1", "app", "local"));
        unqualified.Should().Be(new FunctionResolution("Hello", "2", "app", "local"));
        unknownAlias.Should().BeNull();
        unknownFunction.Should().BeNull();
    }
}
