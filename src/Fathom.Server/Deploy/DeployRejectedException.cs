namespace Fathom.Server.Deploy;

/// <summary>A deploy refused before anything live changed: the reason, the HTTP status it answers with, and the
/// template's errors (file:line:col) when that is why.</summary>
internal sealed class DeployRejectedException(int status, string message, IReadOnlyList<string>? errors = null) : Exception(message)
{
    public int Status { get; } = status;

    public IReadOnlyList<string> Errors { get; } = errors ?? [];
}
