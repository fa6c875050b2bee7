using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Hosting;

/// <summary>A host that requires every sandbox defence (<see cref="RuntimeOptions.RequireIsolation"/>) found some
/// missing: the message names each, what it means, and what would provide it.</summary>
public sealed class IsolationUnavailableException : Exception
{
    /// <summary>Creates the exception for the missing defences.</summary>
    public IsolationUnavailableException(IReadOnlyList<MissingDefence> missing)
        : base(Describe(missing)) => Missing = missing;

    /// <summary>The defences missing and not allowed to be.</summary>
    public IReadOnlyList<MissingDefence> Missing { get; }

    private static string Describe(IReadOnlyList<MissingDefence> missing) =>
        "refusing to run functions with weaker isolation than the platform's defences:\n"
        + string.Join("\n", missing.Select(m => $"  - {m.Name}: {m.Consequence} {m.Remedy}"))
        + $"\nTo run without them anyway, say so: --allow-weaker-isolation={string.Join(',', missing.Select(m => m.Name))}";
}
