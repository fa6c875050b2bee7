using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Runtime.Tests.Hosting;

public sealed class RuntimeServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddFathomRuntime_Resolved_OneHostServesAsTheInvoker()
    {
        var state = Directory.CreateTempSubdirectory("fathom-runtime-di-").FullName;
        await using var provider = new ServiceCollection()
            .AddFathomRuntime(o => o.StateDirectory = state)
            .BuildServiceProvider();

        var runtime = provider.GetRequiredService<FunctionRuntime>();
        var invoker = provider.GetRequiredService<IFunctionInvoker>();

        invoker.Should().BeSameAs(runtime);
        runtime.Options.StateDirectory.Should().Be(state);
    }
}
