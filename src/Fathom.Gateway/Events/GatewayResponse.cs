namespace Fathom.Gateway.Events;

/// <summary>An HTTP response decoded from a function's proxy response.</summary>
internal sealed record GatewayResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
