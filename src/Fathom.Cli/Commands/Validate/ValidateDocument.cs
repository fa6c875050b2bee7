using Fathom.Apps;

namespace Fathom.Cli.Commands.Validate;

/// <summary>The <c>fathom validate --json</c> document.</summary>
internal sealed record ValidateDocument(bool Valid, string? TemplatePath, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Diagnostic> Warnings, AppModel? App);
