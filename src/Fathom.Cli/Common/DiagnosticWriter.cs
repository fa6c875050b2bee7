using Fathom.Apps;

namespace Fathom.Cli.Common;

/// <summary>Prints diagnostics as <c>file:line:col: error: message</c>, coloured on a terminal.</summary>
internal static class DiagnosticWriter
{
    public static void Write(TextWriter output, ConsoleStyle style, Diagnostic diagnostic)
    {
        var text = diagnostic.ToString();
        var marker = diagnostic.Severity == DiagnosticSeverity.Error ? "error:" : "warning:";
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            output.WriteLine(text);
            return;
        }

        var coloured = diagnostic.Severity == DiagnosticSeverity.Error ? style.Red(marker) : style.Yellow(marker);
        output.WriteLine(style.Bold(text[..at]) + coloured + text[(at + marker.Length)..]);
    }
}
