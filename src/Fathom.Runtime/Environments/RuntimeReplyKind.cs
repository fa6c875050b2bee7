namespace Fathom.Runtime.Environments;

internal enum RuntimeReplyKind
{
    Response,
    Error,
    ResponseTooLarge,
    Exited,
    TimedOut,
}
