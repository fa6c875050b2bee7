using Fathom.Apps.Resources;
using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Up;

public sealed class PublishedConfigTests
{
    private const string Hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [Fact]
    public void From_ProvisionedConcurrency_SurvivesTheRoundTrip()
    {
        var config = PublishedConfig.From(Function(2), new Dictionary<string, string>(), Hash, 10);

        var read = PublishedConfig.FromJson(config.ToJson());

        read!.ProvisionedConcurrency.Should().Be(2);
    }

    [Fact]
    public void From_NoProvisionedConcurrency_LeavesItOutOfTheJsonSoOlderVersionsKeepTheirHash()
    {
        var config = PublishedConfig.From(Function(null), new Dictionary<string, string>(), Hash, 10);

        config.ToJson().Should().NotContain("provisioned", "a version published before the setting existed hashes the same");
        PublishedConfig.From(Function(0), new Dictionary<string, string>(), Hash, 10).Hash().Should().Be(config.Hash());
    }

    private static FunctionModel Function(int? provisioned) => new()
    {
        LogicalId = "Orders",
        Name = "orders",
        Arn = "arn:aws:lambda:us-east-1:000000000000:function:orders",
        ResourceType = "AWS::Serverless::Function",
        Runtime = "nodejs20.x",
        Handler = "index.handler",
        ProvisionedConcurrency = provisioned,
    };
}
