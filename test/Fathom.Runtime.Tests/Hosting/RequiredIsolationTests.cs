using Fathom.Runtime.Hosting;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Hosting;

/// A host that requires every defence (as fathom server will) refuses to start without one, naming it and what
/// would provide it, unless the operator gave that defence up in words.
public sealed class RequiredIsolationTests : IDisposable
{
    private readonly TempDirectory _state = new("fathom-required");

    public void Dispose() => _state.Dispose();

    [Fact]
    public void Constructor_RequiredButSeccompTurnedOff_RefusesNamingSeccompAndTheFlag()
    {
        var create = () => new FunctionRuntime(new RuntimeOptions { StateDirectory = _state.Path, RequireIsolation = true, SandboxSeccomp = false });

        var refusal = create.Should().Throw<IsolationUnavailableException>().Which;
        refusal.Missing.Select(m => m.Defence).Should().Contain(IsolationDefence.Seccomp);
        refusal.Message.Should().Contain("  - seccomp: ").And.Contain("--allow-weaker-isolation=").And.Contain("seccomp");
    }

    [Fact]
    public void Constructor_RequiredWithTheSandboxOff_RefusesNamingEveryDefence()
    {
        var create = () => new FunctionRuntime(new RuntimeOptions { StateDirectory = _state.Path, RequireIsolation = true, Sandbox = false });

        create.Should().Throw<IsolationUnavailableException>().Which.Missing.Select(m => m.Defence)
            .Should().BeEquivalentTo(IsolationDefences.All);
    }

    [Fact]
    public async Task Constructor_RequiredWithWhatIsMissingAllowedInWords_Starts()
    {
        var missing = SandboxCapabilities.Current.Missing.Select(m => m.Defence).Append(IsolationDefence.Seccomp).ToHashSet();

        await using var runtime = new FunctionRuntime(new RuntimeOptions
        {
            StateDirectory = _state.Path, RequireIsolation = true, SandboxSeccomp = false, AllowedWeakerIsolation = missing,
        });

        runtime.MissingDefences.Select(m => m.Defence).Should().Contain(IsolationDefence.Seccomp).And.OnlyContain(d => missing.Contains(d));
    }
}
