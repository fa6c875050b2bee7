namespace Fathom.Apps.Tests.Globals;

public sealed class GlobalsMergeTests
{
    private readonly AppModel _app = TestAssets.LoadValid("globals");

    [Fact]
    public void Load_FunctionWithoutOverrides_TakesEveryGlobal()
    {
        var function = _app.FindFunction("DefaultsFunction")!;

        function.Runtime.Should().Be("nodejs18.x");
        function.Handler.Should().Be("index.handler");
        function.MemorySize.Should().Be(512);
        function.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        function.Tracing.Should().Be("Active");
        function.Layers.Should().Equal("arn:aws:lambda:us-east-1:123456789012:layer:common:1");
        function.Environment.Should().Equal(new Dictionary<string, string> { ["STAGE"] = "dev", ["LOG_LEVEL"] = "info", ["SHARED"] = "from-globals" });
        function.Logging.LogFormat.Should().Be("JSON");
    }

    [Fact]
    public void Load_ResourceValues_OverrideScalarsMergeMapsAndAppendLists()
    {
        var function = _app.FindFunction("OverridingFunction")!;

        function.Runtime.Should().Be("nodejs20.x");
        function.MemorySize.Should().Be(1024);
        function.Layers.Should().Equal("arn:aws:lambda:us-east-1:123456789012:layer:common:1", "arn:aws:lambda:us-east-1:123456789012:layer:extra:2");
        function.Environment.Should().Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "dev", ["LOG_LEVEL"] = "debug", ["SHARED"] = "from-globals", ["OWN"] = "only-here",
        });
        function.Logging.LogFormat.Should().Be("JSON");
        function.Logging.ApplicationLogLevel.Should().Be("DEBUG");
    }

    [Fact]
    public void Load_NoValueOverride_RemovesTheGlobalValue()
    {
        _app.FindFunction("OverridingFunction")!.Timeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Load_IntrinsicOnResource_ReplacesTheGlobalMapWhole()
    {
        _app.FindFunction("IntrinsicOverridesMapFunction")!.Environment.Should().Equal(new Dictionary<string, string> { ["ONLY"] = "mine" });
    }

    [Fact]
    public void Load_ApiAndHttpApiGlobals_ApplyToImplicitApis()
    {
        var rest = _app.Routes.Single(r => r.Path == "/defaults").Cors!;
        rest.AllowMethods.Should().Equal("GET", "POST", "OPTIONS");
        rest.AllowHeaders.Should().Equal("content-type");
        rest.AllowOrigins.Should().Equal("https://example.com");
        rest.MaxAge.Should().Be(600);

        var http = _app.Routes.Single(r => r.Path == "/overriding").Cors!;
        http.AllowOrigins.Should().Equal("https://example.com");
        http.AllowCredentials.Should().BeTrue();
    }

    [Fact]
    public void Load_IgnoreGlobals_SkipsTheNamedGlobalsOrAll()
    {
        var some = _app.FindFunction("NoGlobalLayersFunction")!;
        some.Layers.Should().Equal("arn:aws:lambda:us-east-1:123456789012:layer:own:1");
        some.Environment.Should().BeEmpty();
        some.MemorySize.Should().Be(512);

        var none = _app.FindFunction("NoGlobalsAtAllFunction")!;
        none.Runtime.Should().Be("nodejs22.x");
        none.MemorySize.Should().Be(128);
        none.Tracing.Should().BeNull();
    }
}
