namespace Fathom.Gateway.Authorizers;

internal enum IdentitySourceKind
{
    Header,
    Query,
    Context,
    StageVariable,
}
