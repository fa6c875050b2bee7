namespace Fathom.Runtime.Functions;

/// <summary>A function definition the runtime cannot run, with a message that says what to change.</summary>
public sealed class FunctionLoadException(string message) : Exception(message);
