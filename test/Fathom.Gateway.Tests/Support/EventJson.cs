using System.Text.Json;
using Fathom.Runtime.Invocations;

namespace Fathom.Gateway.Tests.Support;

internal static class EventJson
{
    public static JsonElement Parse(InvocationRequest request) => JsonDocument.Parse(request.Payload).RootElement.Clone();

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
