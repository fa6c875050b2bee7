namespace Fathom.Benchmarks;

/// <summary>`--name value` pairs.</summary>
internal sealed class BenchArguments(Dictionary<string, string> values)
{
    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new BenchArguments(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => values.GetValueOrDefault(name);

    /// <summary><c>--sandbox on</c> (default: every defence), <c>noout</c> (no slirp4netns), <c>nonet</c> (sandbox on the
    /// host network), <c>nolimits</c> (no cgroup), <c>noseccomp</c> (no seccomp filter), <c>noidentity</c> (bubblewrap as
    /// the platform's uid), <c>off</c> (plain processes).</summary>
    public Fathom.Runtime.Hosting.RuntimeOptions Sandbox(Fathom.Runtime.Hosting.RuntimeOptions options)
    {
        switch (String("sandbox") ?? "on")
        {
            case "off":
                options.Sandbox = false;
                break;
            case "nonet":
                options.IsolateNetwork = false;
                break;
            case "noout":
                options.OutboundNetwork = false;
                break;
            case "nolimits":
                options.EnforceLimits = false;
                break;
            case "noseccomp":
                options.SandboxSeccomp = false;
                break;
            case "noidentity":
                options.SandboxDropIdentity = false;
                break;
        }

        return options;
    }

    /// <summary>The benchmark's own handler directory, next to the project sources.</summary>
    public static string FunctionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fathom.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "bench", "Fathom.Benchmarks", "functions", "hello");
    }
}
