namespace Fathom.Apps;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The application cannot be run as written.</summary>
    Error,

    /// <summary>The application runs, with a limitation the user should know about.</summary>
    Warning,
}
