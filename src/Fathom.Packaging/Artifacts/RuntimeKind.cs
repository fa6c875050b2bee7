namespace Fathom.Packaging.Artifacts;

/// <summary>The build recipe a Lambda runtime identifier selects.</summary>
internal enum RuntimeKind
{
    Unsupported,
    Node,
    Custom,
}
