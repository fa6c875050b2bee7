namespace Fathom.Packaging.Transfer;

/// <summary>An uploaded artifact was refused: not a gzip'd tar, over a limit, or its content does not match its name.
/// The message says which, for the person who uploaded it.</summary>
public sealed class ArtifactRejectedException(string message, Exception? inner = null) : Exception(message, inner);
