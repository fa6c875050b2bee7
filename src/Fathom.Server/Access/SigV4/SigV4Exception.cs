namespace Fathom.Server.Access.SigV4;

/// <summary>Carries a <see cref="SigV4Error"/> from authentication to the challenge, which answers with it.</summary>
internal sealed class SigV4Exception(SigV4Error error) : Exception(error.Message)
{
    public SigV4Error Error { get; } = error;
}
