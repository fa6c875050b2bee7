namespace Fathom.Apps.Tests.Validation;

/// <summary>Regressions: chains of 25,000 <c>DependsOn</c> or <c>Condition</c> references overflowed the stack, which
/// kills the process (`fathom validate`, and `fathom up` on reload). Chains are walked with explicit stacks now.</summary>
public sealed class DeepChainTests
{
    private const int Length = HostileTemplates.ChainLength;

    [Fact]
    public void Load_DependsOnChainDeeperThan40000_LoadsWithoutOverflowingTheStack()
    {
        var result = Load(HostileTemplates.DependsOnChain());

        result.Errors.Should().BeEmpty();
        result.Model!.Topics.Should().HaveCount(Length);
    }

    [Fact]
    public void Load_DependsOnCycleDeeperThan40000_IsOneCircularReferenceError()
    {
        var template = HostileTemplates.DependsOnChain(cycle: true);

        var result = Load(template);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Message.Should().StartWith($"circular reference: T0 -> T1 -> T2 -> ").And.EndWith($"-> T{Length - 1} -> T0");
        error.Message.Length.Should().BeLessThan(300, "a cycle of 40,000 names is shortened");
        (error.Line, error.Column).Should().Be((LineOf(template, "  T0:"), 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_ConditionChainDeeperThan40000_EvaluatesToTheEnd(bool last)
    {
        var result = Load(HostileTemplates.ConditionChain(last: last));

        result.Errors.Should().BeEmpty();
        result.Model!.Functions.Should().HaveCount(last ? 1 : 0, "the function's condition is the end of the chain");
    }

    [Fact]
    public void Load_ConditionCycleDeeperThan40000_IsOneCircularConditionError()
    {
        var template = HostileTemplates.ConditionChain(cycle: true);

        var result = Load(template);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Message.Should().StartWith("circular condition: C0 -> C1 -> ").And.EndWith($"-> C{Length - 1} -> C0");
        error.Message.Length.Should().BeLessThan(300);
        (error.Line, error.Column).Should().Be((LineOf(template, "  C0:"), 3));
    }

    [Fact]
    public void Load_NameChainDeeperThan40000_ResolvesEveryName()
    {
        var result = Load(HostileTemplates.NameChain());

        result.Errors.Should().BeEmpty();
        result.Model!.Topics.Should().HaveCount(Length).And.OnlyContain(t => t.Name == "last");
    }

    private static int LineOf(string template, string start) => template.Split('\n').ToList().FindIndex(l => l.StartsWith(start, StringComparison.Ordinal)) + 1;

    private static AppLoadResult Load(string template)
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, template);
        return AppLoader.Load(temp.Path, AppLoadOptions.Default);
    }
}
