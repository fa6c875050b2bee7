namespace Fathom.Apps.Tests.Resources;

public sealed class ConditionTests
{
    [Fact]
    public void Load_FalseCondition_LeavesTheResourceAndItsRoutesOut()
    {
        var app = TestAssets.LoadValid("conditions");

        app.Functions.Select(f => f.Name).Should().Equal("Always", "DebugOnly");
        app.Routes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Method = "ANY", Path = "/" });
        app.FindFunction("Always")!.ReservedConcurrentExecutions.Should().BeNull();
    }

    [Fact]
    public void Load_TrueCondition_IncludesTheResource()
    {
        var app = TestAssets.LoadValid("conditions", new AppLoadOptions { ParameterOverrides = new Dictionary<string, string> { ["Env"] = "prod" } });

        app.Functions.Select(f => f.Name).Should().Equal("Always", "ProdOnly");
        app.Routes.Select(r => r.Path).Should().Equal("/", "/admin");
        app.FindFunction("Always")!.ReservedConcurrentExecutions.Should().Be(50);
    }
}
