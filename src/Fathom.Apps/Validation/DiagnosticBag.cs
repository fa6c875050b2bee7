using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>Collects every error and warning, once each, so the user sees all problems in one run.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];

    /// <summary>Errors in file order, so they read top to bottom like a compiler's.</summary>
    public IReadOnlyList<Diagnostic> Errors => Sorted(DiagnosticSeverity.Error);

    public IReadOnlyList<Diagnostic> Warnings => Sorted(DiagnosticSeverity.Warning);

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(SourceLocation at, string message) => Add(at, message, DiagnosticSeverity.Error);

    public void Warning(SourceLocation at, string message) => Add(at, message, DiagnosticSeverity.Warning);

    public void Error(TemplateNode node, string message) => Error(node.Location, message);

    public void Warning(TemplateNode node, string message) => Warning(node.Location, message);

    private List<Diagnostic> Sorted(DiagnosticSeverity severity) =>
        [.. _items.Where(d => d.Severity == severity).OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)];

    private void Add(SourceLocation at, string message, DiagnosticSeverity severity)
    {
        var diagnostic = new Diagnostic(at.File, at.Line, at.Column, message, severity);
        if (_seen.Add(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }
}
