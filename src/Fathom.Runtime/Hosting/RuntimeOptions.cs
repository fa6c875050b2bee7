namespace Fathom.Runtime.Hosting;

/// <summary>How the runtime runs functions on this machine.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Environments one function version may run at once here; calls beyond wait in a queue. Default: cores, at least 2.</summary>
    public int MaxEnvironmentsPerFunction { get; set; } = Math.Max(Environment.ProcessorCount, 2);

    /// <summary>Calls that may wait for a busy function's environment; more are throttled.</summary>
    public int MaxQueueLength { get; set; } = 100;

    /// <summary>How long a call without a deadline waits in the queue before it is throttled.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An environment unused this long is stopped (scale to zero).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The throttle limit for functions without ReservedConcurrentExecutions (Lambda's default account limit).</summary>
    public int DefaultThrottleLimit { get; set; } = 1000;

    /// <summary>How long a runtime may take from launch to its first <c>/next</c>.</summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Between SIGTERM and SIGKILL when environments are stopped.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The node executable; null finds <c>node</c> on PATH.</summary>
    public string? NodePath { get; set; }

    /// <summary>The shared cache (the Node runtime client lives here).</summary>
    public string CacheDirectory { get; set; } = RuntimeDefaults.CacheDirectory();

    /// <summary>Where the registry of running processes is kept, for reaping after a crash.</summary>
    public string StateDirectory { get; set; } = RuntimeDefaults.StateDirectory();

    /// <summary>Runs each environment in a sandbox (bubblewrap, own network namespace, cgroup) where the machine
    /// allows it; false runs plain processes. See docs/isolation.md.</summary>
    public bool Sandbox { get; set; } = true;

    /// <summary>Refuse to start when the machine (or these options) cannot give every sandbox defence, naming each
    /// missing one (<see cref="IsolationUnavailableException"/>); <c>fathom server</c> runs this way. Off, the host starts
    /// and reports them in <see cref="FunctionRuntime.MissingDefences"/> (<c>fathom up</c>).</summary>
    public bool RequireIsolation { get; set; }

    /// <summary>With <see cref="RequireIsolation"/>: the defences the operator gave up in words
    /// (<c>--allow-weaker-isolation=sandbox,seccomp</c>); only those may be missing.</summary>
    public IReadOnlySet<Isolation.IsolationDefence> AllowedWeakerIsolation { get; set; } = new HashSet<Isolation.IsolationDefence>();

    /// <summary>Where the sandbox keeps the copies of code it binds and its uid locks; null: <c>/var/lib/fathom/sandbox</c>
    /// as root, else <c>/var/tmp/fathom-&lt;uid&gt;</c>. See docs/isolation.md.</summary>
    public string? SandboxDirectory { get; set; }

    /// <summary>Installs the sandbox's seccomp filter; off only to measure what it costs (bench/).</summary>
    internal bool SandboxSeccomp { get; set; } = true;

    /// <summary>Runs sandboxes as an unprivileged host uid when Fathom runs as root; off only to measure what it costs.</summary>
    internal bool SandboxDropIdentity { get; set; } = true;

    /// <summary>Gives each sandboxed environment its own network namespace holding only its Runtime API.</summary>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>Whether sandboxed functions may reach the internet (slirp4netns) when their definition does not say.</summary>
    public bool OutboundNetwork { get; set; } = true;

    /// <summary>Enforces MemorySize (cgroup, or resident-memory polling where no cgroup is writable) and the pids limit.</summary>
    public bool EnforceLimits { get; set; } = true;

    /// <summary>Most processes and threads one environment may have; stops fork bombs (needs a cgroup).</summary>
    public int PidsLimit { get; set; } = 256;

    /// <summary>A log line longer than this is cut and marked (CloudWatch's event limit).</summary>
    public int MaxLogLineBytes { get; set; } = 256 * 1024;

    /// <summary>Output one invocation may print; the rest is dropped with one marker line.</summary>
    public long MaxLogBytesPerInvocation { get; set; } = 8L * 1024 * 1024;

    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "000000000000";

    /// <summary>The hub runtime events go to; null gives the host a hub of its own. A server running one
    /// <see cref="FunctionRuntime"/> per app environment passes its one hub, so the telemetry ingest subscribed to it sees
    /// every environment; a shared hub is not completed when one runtime is disposed.</summary>
    public Events.RuntimeEventHub? Events { get; set; }

    /// <summary>The platform endpoint's routes; null gives the host routes of its own. Shared like <see cref="Events"/>:
    /// features map their paths once, and every environment's endpoint stamps its own caller.</summary>
    public Fathom.Platform.Endpoint.PlatformEndpointRoutes? PlatformEndpoint { get; set; }
}
