using Fathom.Apps.Resources;

namespace Fathom.Apps.Tests.Resources;

/// <summary>The shapes of SAM CLI's Node.js hello-world samples, REST and HTTP API flavours.</summary>
public sealed class HelloWorldSampleTests
{
    [Fact]
    public void Load_RestSample_HasOneFunctionBehindTheImplicitRestApi()
    {
        var app = TestAssets.LoadValid("hello-rest");

        var function = app.Functions.Should().ContainSingle().Subject;
        function.Name.Should().Be("HelloWorldFunction");
        function.Arn.Should().Be("arn:aws:lambda:us-east-1:000000000000:function:HelloWorldFunction");
        function.Runtime.Should().Be("nodejs20.x");
        function.Handler.Should().Be("app.lambdaHandler");
        function.CodeDirectory.Should().Be(Path.Combine(TestAssets.Valid("hello-rest"), "hello-world"));
        function.MemorySize.Should().Be(128);
        function.Timeout.Should().Be(TimeSpan.FromSeconds(3));
        function.Architectures.Should().Equal("x86_64");
        function.Role.Should().Be("arn:aws:iam::000000000000:role/HelloWorldFunctionRole");

        var route = app.Routes.Should().ContainSingle().Subject;
        route.Should().BeEquivalentTo(new
        {
            Method = "GET",
            Path = "/hello",
            ApiLogicalId = "ServerlessRestApi",
            ApiKind = ApiKind.Rest,
            PayloadFormatVersion = "1.0",
            FunctionName = "HelloWorldFunction",
            Stage = "Prod",
            EventName = "HelloWorld",
        });
        app.Apis.Should().ContainSingle().Which.Implicit.Should().BeTrue();
        app.StackName.Should().Be("hello-rest");
    }

    [Fact]
    public void Load_RestSample_OutputsResolveWithoutWarnings()
    {
        var result = AppLoader.Load(TestAssets.Valid("hello-rest"), AppLoadOptions.Default);

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Load_HttpSample_UsesPayload2AndTheDefaultStage()
    {
        var app = TestAssets.LoadValid("hello-http");

        app.Routes.Should().HaveCount(2);
        app.Routes[0].Should().BeEquivalentTo(new
        {
            Method = "GET",
            Path = "/hello",
            ApiLogicalId = "ServerlessHttpApi",
            ApiKind = ApiKind.Http,
            PayloadFormatVersion = "2.0",
            Stage = "$default",
        });
        app.Routes[1].Path.Should().Be("$default");
        app.Routes[1].Method.Should().Be("ANY");
        app.Routes[1].FunctionName.Should().Be("CatchAllFunction");
        app.Functions.Should().AllSatisfy(f => f.Runtime.Should().Be("nodejs20.x"));
    }

    [Fact]
    public void Load_ExampleApps_AreValid()
    {
        var hello = AppLoader.Load(Path.Combine(TestAssets.Root, "..", "examples", "hello"), AppLoadOptions.Default);
        var orders = AppLoader.Load(Path.Combine(TestAssets.Root, "..", "examples", "orders"), AppLoadOptions.Default);

        hello.Errors.Should().BeEmpty();
        hello.Model!.Routes.Should().ContainSingle().Which.Path.Should().Be("/hello");
        orders.Errors.Should().BeEmpty();
        orders.Model!.Functions.Should().HaveCount(5);
        orders.Model.Routes.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /orders", "GET /orders/{id}", "GET /orders");
        orders.Model.Schedules.Should().ContainSingle();
        orders.Model.Queues.Should().ContainSingle().Which.Consumers.Should().ContainSingle();
        orders.Model.Alarms.Should().ContainSingle().Which.Dimensions["FunctionName"].Should().Be("orders-create-order");
    }
}
