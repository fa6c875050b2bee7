namespace Fathom.Apps;

/// <summary>The outcome of <see cref="AppLoader.Load"/>: a model when valid, and every diagnostic either way.</summary>
public sealed record AppLoadResult
{
    /// <summary>The application; null when there are errors.</summary>
    public AppModel? Model { get; init; }

    public IReadOnlyList<Diagnostic> Errors { get; init; } = [];

    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>The template path that was read, when one was found.</summary>
    public string? TemplatePath { get; init; }

    /// <summary>True when there is a model and no errors.</summary>
    public bool Succeeded => Model is not null && Errors.Count == 0;
}
