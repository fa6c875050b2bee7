namespace Fathom.Runtime.Isolation;

/// <summary>Names of the defences as users type and read them.</summary>
public static class IsolationDefences
{
    private static readonly Dictionary<IsolationDefence, string> Names = new()
    {
        [IsolationDefence.Sandbox] = "sandbox",
        [IsolationDefence.Identity] = "identity",
        [IsolationDefence.Seccomp] = "seccomp",
        [IsolationDefence.ProcSysReadOnly] = "proc-sys",
        [IsolationDefence.NetworkNamespace] = "network",
        [IsolationDefence.MemoryLimit] = "memory",
        [IsolationDefence.PidsLimit] = "pids",
    };

    /// <summary>Every defence, in the order they are listed.</summary>
    public static IReadOnlyList<IsolationDefence> All { get; } = Enum.GetValues<IsolationDefence>();

    /// <summary>The defence's name (<c>sandbox</c>, <c>identity</c>, <c>seccomp</c>, <c>proc-sys</c>, <c>network</c>, <c>memory</c>, <c>pids</c>).</summary>
    public static string Name(IsolationDefence defence) => Names[defence];

    /// <summary>The defence a name stands for.</summary>
    public static bool TryParse(string name, out IsolationDefence defence)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(value, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                defence = key;
                return true;
            }
        }

        defence = default;
        return false;
    }
}
