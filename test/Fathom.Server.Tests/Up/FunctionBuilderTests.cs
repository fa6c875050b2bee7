using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Up;

public sealed class FunctionBuilderTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Hello:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
              Handler: app.handler
              Runtime: nodejs20.x
              Environment:
                Variables:
                  GREETING: hello
        """;

    private static readonly Dictionary<string, string> Code = new() { ["src/app.js"] = "exports.handler = async () => 'v1';\n" };

    [Fact]
    public async Task BuildAsync_NothingChanged_KeepsTheSameVersion()
    {
        await using var app = await UpApp.CreateAsync(Template, Code);

        var first = (await app.BuildAsync()).Single();
        var second = (await app.BuildAsync()).Single();

        first.Version.Should().Be(1);
        first.Created.Should().BeTrue();
        second.Version.Should().Be(1);
        second.Created.Should().BeFalse();
        second.Package.Reused.Should().BeTrue();
    }

    [Fact]
    public async Task BuildAsync_CodeChanged_PublishesTheNextVersion()
    {
        await using var app = await UpApp.CreateAsync(Template, Code);
        var first = (await app.BuildAsync()).Single();

        app.Write("src/app.js", "exports.handler = async () => 'v2';\n");
        var second = (await app.BuildAsync()).Single();

        second.Version.Should().Be(2);
        second.Package.Hash.Should().NotBe(first.Package.Hash);
        app.Store.State.Resolve("Hello", "live")!.Number.Should().Be(2);
        app.Store.State.Resolve("Hello", "1")!.ArtifactHash.Should().Be(first.Package.Hash);
    }

    [Fact]
    public async Task BuildAsync_EnvironmentVariableChanged_PublishesTheNextVersionWithTheSameCode()
    {
        await using var app = await UpApp.CreateAsync(Template, Code);
        var first = (await app.BuildAsync()).Single();

        app.Write("template.yaml", Template.Replace("GREETING: hello", "GREETING: bonjour", StringComparison.Ordinal));
        var second = (await app.BuildAsync()).Single();

        second.Version.Should().Be(2);
        second.Package.Hash.Should().Be(first.Package.Hash);
        PublishedConfig.FromJson(app.Store.State.Resolve("Hello", "2")!.ConfigJson)!.Environment["GREETING"].Should().Be("bonjour");
    }

    [Fact]
    public async Task BuildAsync_InlineCode_IsPackagedAsIndexJs()
    {
        const string inline = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Inline:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: "exports.handler = async () => 'inline';"
                  Handler: index.handler
                  Runtime: nodejs20.x
            """;
        await using var app = await UpApp.CreateAsync(inline);

        var built = (await app.BuildAsync()).Single();

        built.Version.Should().Be(1);
        File.ReadAllText(Path.Combine(built.Package.CodeDirectory, "index.js")).Should().Be("exports.handler = async () => 'inline';");
        built.Package.ArtifactDirectory.Should().StartWith(Path.Combine(app.DataDirectory, "artifacts"));
    }

    [Fact]
    public async Task BuildAsync_EnvVarsFile_IsAppliedToThePublishedConfig()
    {
        await using var app = await UpApp.CreateAsync(Template, Code);
        app.Write("env.json", """{"Parameters": {"GREETING": "hi", "UNDECLARED": "x"}}""");

        var built = (await app.BuildAsync(Path.Combine(app.Directory, "env.json"))).Single();

        var config = PublishedConfig.FromJson(app.Store.State.Resolve("Hello", built.Alias)!.ConfigJson)!;
        config.Environment.Should().Equal(new Dictionary<string, string> { ["GREETING"] = "hi" });
    }

    [Fact]
    public async Task BuildAsync_NoAutoPublishAlias_UsesLive()
    {
        await using var app = await UpApp.CreateAsync(Template, Code);

        var built = (await app.BuildAsync()).Single();

        built.Alias.Should().Be("live");
    }
}
