using Fathom.Apps.Overrides;

namespace Fathom.Apps.Tests.Overrides;

public sealed class EnvVarsFileTests
{
    private static readonly Dictionary<string, string> Declared = new(StringComparer.Ordinal)
    {
        ["TABLE"] = "orders",
        ["STAGE"] = "dev",
        ["DEBUG"] = "false",
    };

    [Fact]
    public void Apply_ParametersSection_OverridesDeclaredVariablesOfEveryFunction()
    {
        using var temp = new TempDirectory();
        var file = EnvVarsFile.Load(temp.Write("env.json", """{"Parameters": {"STAGE": "prod"}}"""));

        var orders = file.Apply("OrdersFunction", "orders", Declared);
        var users = file.Apply("UsersFunction", "users", Declared);

        orders.Should().Equal(new Dictionary<string, string> { ["TABLE"] = "orders", ["STAGE"] = "prod", ["DEBUG"] = "false" });
        users["STAGE"].Should().Be("prod");
    }

    [Fact]
    public void Apply_SectionByLogicalId_WinsOverParameters()
    {
        using var temp = new TempDirectory();
        var file = EnvVarsFile.Load(temp.Write("env.json", """
            {
              "Parameters": {"STAGE": "prod", "TABLE": "shared"},
              "OrdersFunction": {"TABLE": "orders-local"}
            }
            """));

        var orders = file.Apply("OrdersFunction", "orders", Declared);
        var users = file.Apply("UsersFunction", "users", Declared);

        orders["TABLE"].Should().Be("orders-local");
        orders["STAGE"].Should().Be("prod");
        users["TABLE"].Should().Be("shared");
    }

    [Fact]
    public void Apply_SectionByFunctionName_WinsOverParameters()
    {
        using var temp = new TempDirectory();
        var file = EnvVarsFile.Load(temp.Write("env.json", """
            {"orders": {"TABLE": "by-name"}, "Parameters": {"TABLE": "shared"}}
            """));

        var orders = file.Apply("OrdersFunction", "orders", Declared);

        orders["TABLE"].Should().Be("by-name");
    }

    [Fact]
    public void Apply_UndeclaredVariables_AreIgnored()
    {
        using var temp = new TempDirectory();
        var file = EnvVarsFile.Load(temp.Write("env.json", """
            {"Parameters": {"SECRET": "x"}, "OrdersFunction": {"EXTRA": "y", "STAGE": "qa"}}
            """));

        var orders = file.Apply("OrdersFunction", "orders", Declared);

        orders.Keys.Should().BeEquivalentTo("TABLE", "STAGE", "DEBUG");
        orders["STAGE"].Should().Be("qa");
    }

    [Fact]
    public void Apply_NumbersBooleansAndNull_BecomeTheirJsonText()
    {
        using var temp = new TempDirectory();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal) { ["PORT"] = "1", ["RATE"] = "1", ["DEBUG"] = "false", ["NOTE"] = "x" };
        var file = EnvVarsFile.Load(temp.Write("env.json", """
            {"Parameters": {"PORT": 8080, "RATE": 0.25, "DEBUG": true, "NOTE": null}}
            """));

        var result = file.Apply("Fn", "fn", declared);

        result.Should().Equal(new Dictionary<string, string> { ["PORT"] = "8080", ["RATE"] = "0.25", ["DEBUG"] = "true", ["NOTE"] = "" });
    }

    [Fact]
    public void Apply_NoMatchingSection_LeavesTheEnvironmentAsDeclared()
    {
        using var temp = new TempDirectory();
        var file = EnvVarsFile.Load(temp.Write("env.json", """{"OtherFunction": {"STAGE": "prod"}}"""));

        var result = file.Apply("OrdersFunction", "orders", Declared);

        result.Should().Equal(Declared);
    }

    [Fact]
    public void Load_FileWithByteOrderMark_IsRead()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "env.json");
        File.WriteAllText(path, """{"Parameters": {"STAGE": "prod"}}""", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var file = EnvVarsFile.Load(path);

        file.Apply("Fn", "fn", Declared)["STAGE"].Should().Be("prod");
    }

    [Fact]
    public void Load_MalformedJson_ReportsFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        temp.Write("env.json", "{\n  \"Parameters\": {\n    \"STAGE\": prod\n  }\n}\n");
        var path = Path.Combine(temp.Path, "env.json");

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().StartWith($"{path}:3:14: error: invalid JSON");
    }

    [Theory]
    [InlineData("7B22506172616D6574657273223A7B225354414745223A2270FF227D7D")]
    [InlineData("7B22506172616D6574657273223A7B2253FF223A2270227D7D")]
    public void Load_InvalidUtf8_IsRejectedNotACrash(string hex)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "env.json");
        File.WriteAllBytes(path, Convert.FromHexString(hex));

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().Be($"{path}: error: the file is not valid UTF-8");
    }

    [Fact]
    public void Load_SectionThatIsNotAnObject_IsRejectedByName()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("env.json", """{"Parameters": ["STAGE=prod"]}""");

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().Be(
            $"{path}: section \"Parameters\" must be an object of variable names to values");
    }

    [Fact]
    public void Load_RootThatIsNotAnObject_IsRejected()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("env.json", """["Parameters"]""");

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().StartWith($"{path}: expected a JSON object");
    }

    [Fact]
    public void Load_NestedValue_IsRejectedWithItsPath()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("env.json", """{"OrdersFunction": {"TABLE": {"name": "x"}}}""");

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().Be(
            $"{path}: \"OrdersFunction\".\"TABLE\" must be a string, number or boolean");
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "missing.json");

        var act = () => EnvVarsFile.Load(path);

        act.Should().Throw<EnvVarsFileException>().Which.Message.Should().Be($"{path}: file not found");
    }
}
