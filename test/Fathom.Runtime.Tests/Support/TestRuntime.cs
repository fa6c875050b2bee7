using System.Text;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Tests.Support;

/// <summary>A real runtime host over a temporary state directory, with the shared runtime client cache.</summary>
internal sealed class TestRuntime : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    /// <param name="capabilities">Replaces the machine's sandbox capabilities, to run a degraded path (e.g. no writable cgroup).</param>
    public TestRuntime(Action<RuntimeOptions>? configure = null, TimeProvider? timeProvider = null, SandboxCapabilities? capabilities = null)
    {
        StateDirectory = Directory.CreateTempSubdirectory("fathom-runtime-test-").FullName;
        Options = new RuntimeOptions { StateDirectory = StateDirectory, ShutdownGracePeriod = TimeSpan.FromSeconds(1) };
        configure?.Invoke(Options);
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Host = new FunctionRuntime(Options, _loggerFactory, timeProvider, capabilities);
        Subscription = Host.Events.Subscribe();
    }

    public string StateDirectory { get; }

    public RuntimeOptions Options { get; }

    public FunctionRuntime Host { get; }

    public EventSubscription<RuntimeEvent> Subscription { get; }

    /// <summary>What the runtime logged.</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    public static string Assets(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fathom.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "testassets", "functions", name);
    }

    public FunctionDefinition Load(string name, string handler, string asset = "node-basic", string runtime = "nodejs20.x",
        Func<FunctionDefinition, FunctionDefinition>? configure = null)
    {
        var definition = new FunctionDefinition
        {
            App = "test",
            EnvironmentName = "test",
            Name = name,
            Runtime = runtime,
            Handler = handler,
            CodeDirectory = Assets(asset),
            Timeout = TimeSpan.FromSeconds(30),
        };
        definition = configure?.Invoke(definition) ?? definition;
        Host.Load(definition);
        return definition;
    }

    public ValueTask<InvocationResult> InvokeAsync(string name, string payload = "{}", string version = "$LATEST", string? qualifier = null,
        DateTimeOffset? deadline = null) => InvokeWithCancellationAsync(name, payload, version, qualifier, deadline, TestContext.Current.CancellationToken);

    public ValueTask<InvocationResult> InvokeWithCancellationAsync(string name, string payload, string version, string? qualifier,
        DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = name,
            Version = version,
            Payload = Encoding.UTF8.GetBytes(payload),
            Qualifier = qualifier,
            Source = "test",
            Deadline = deadline,
        }, cancellationToken);

    /// <summary>Reads events until one matches, failing after a generous timeout.</summary>
    public async Task<T> NextEventAsync<T>(Func<T, bool> match) where T : RuntimeEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var item in Subscription.Reader.ReadAllAsync(timeout.Token))
        {
            if (item is T typed && match(typed))
            {
                return typed;
            }
        }

        throw new InvalidOperationException("event stream ended");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Subscription.Dispose();
        _loggerFactory.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
