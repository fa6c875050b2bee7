namespace Fathom.Server.Access.Store;

/// <summary>A request the token store refuses (a name already in use): the caller's mistake, answered with a 4xx.</summary>
public sealed class AccessStoreException(string message) : Exception(message);
