namespace Fathom.Runtime.Isolation;

/// <summary>A defence this machine cannot give, in plain words.</summary>
/// <param name="Defence">Which one.</param>
/// <param name="Consequence">What a function can then do that it could not otherwise, and why it is missing.</param>
/// <param name="Remedy">The package or kernel setting that would provide it.</param>
public sealed record MissingDefence(IsolationDefence Defence, string Consequence, string Remedy)
{
    /// <summary>The name used on the command line and in JSON (<c>sandbox</c>, <c>identity</c>, <c>seccomp</c>, …).</summary>
    public string Name => IsolationDefences.Name(Defence);

    /// <summary>One line for a console or a log.</summary>
    public override string ToString() => $"{Name}: {Consequence} {Remedy}";
}
