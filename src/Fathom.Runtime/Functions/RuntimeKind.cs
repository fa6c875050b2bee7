namespace Fathom.Runtime.Functions;

internal enum RuntimeKind
{
    /// <summary>A <c>nodejsNN.x</c> runtime: the machine's node running aws-lambda-ric.</summary>
    Node,

    /// <summary>An OS-only runtime: the function's own <c>bootstrap</c>.</summary>
    Provided,
}
