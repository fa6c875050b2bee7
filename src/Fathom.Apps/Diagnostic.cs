namespace Fathom.Apps;

/// <summary>One problem found while loading an application, with where it is.</summary>
/// <param name="File">The file, as a path relative to the current directory when it is below it.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, or 0 when the problem concerns the whole file.</param>
/// <param name="Message">A sentence a person understands.</param>
/// <param name="Severity">Error (the app cannot run) or warning (it runs, with a limitation).</param>
public sealed record Diagnostic(string File, int Line, int Column, string Message, DiagnosticSeverity Severity)
{
    /// <summary>Formats as <c>template.yaml:12:5: error: message</c>, the way compilers do.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Line > 0 ? $"{File}:{Line}:{Column}: {severity}: {Message}" : $"{File}: {severity}: {Message}";
    }
}
