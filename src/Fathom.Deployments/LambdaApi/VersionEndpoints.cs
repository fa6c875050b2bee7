using System.Globalization;
using System.Text.Json;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Invoke;
using Microsoft.AspNetCore.Http;

namespace Fathom.Deployments.LambdaApi;

/// <summary>PublishVersion and ListVersionsByFunction. Fathom publishes a version with every build that changes a
/// function (<c>fathom up</c>'s reloads, <c>fathom deploy</c>), so <c>$LATEST</c> is always the newest published version
/// and PublishVersion answers with it, as Lambda does when nothing changed since the last publish.</summary>
internal static class VersionEndpoints
{
    private const int PageCap = 50;

    public static async Task PublishAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await BodyOrEmptyAsync(call) is not { } body)
        {
            return;
        }

        var latest = function.Latest!;
        var label = latest.Number.ToString(CultureInfo.InvariantCulture);
        var configuration = call.Describer.Describe(latest, label);
        if (Text(body, "CodeSha256") is { } codeSha256 && codeSha256 != configuration.CodeSha256)
        {
            await call.AuditAsync("version.publish", function.Name, "refused", "CodeSha256 does not match");
            await LambdaErrors.PreconditionFailedAsync(context,
                $"CodeSHA256 ({codeSha256}) is different from current CodeSHA256 in $LATEST ({configuration.CodeSha256}). Please try again from the latest state.");
            return;
        }

        if (Text(body, "RevisionId") is { } revision
            && revision != FunctionConfigurationWriter.RevisionId(function.Name, call.Describer.Describe(latest, Qualifiers.Latest)))
        {
            await call.AuditAsync("version.publish", function.Name, "refused", "RevisionId does not match");
            await LambdaErrors.PreconditionFailedAsync(context,
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            return;
        }

        await call.AuditAsync("version.publish", function.Name, "ok", $"version {label} (already published by the last build)");
        await call.WriteJsonAsync(201, w => FunctionConfigurationWriter.Write(w, function.Name, configuration, label, call.Options));
    }

    public static async Task ListAsync(HttpContext context, string functionName)
    {
        if (await LambdaCall.StartAsync(context) is not { } call || await call.FunctionAsync(functionName) is not { } function
            || await Paging.ReadAsync(context, PageCap) is not { } page)
        {
            return;
        }

        // $LATEST first, then 1..N, as Lambda lists them.
        var entries = new List<(FunctionVersion Version, string Label)> { (function.Latest!, Qualifiers.Latest) };
        entries.AddRange(function.Versions.Select(v => (v, v.Number.ToString(CultureInfo.InvariantCulture))));
        await call.WriteJsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Versions");
            foreach (var (version, label) in entries.Skip(page.Offset).Take(page.Count))
            {
                FunctionConfigurationWriter.Write(w, function.Name, call.Describer.Describe(version, label), label, call.Options);
            }

            w.WriteEndArray();
            if (page.NextMarker(entries.Count) is { } next)
            {
                w.WriteString("NextMarker", next);
            }

            w.WriteEndObject();
        });
    }

    // The aws CLI sends PublishVersion with an empty body when no option is given.
    private static async Task<JsonElement?> BodyOrEmptyAsync(LambdaCall call)
    {
        if (call.Context.Request.ContentLength is 0 or null && !call.Context.Request.Headers.TransferEncoding.Any())
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        return await call.BodyAsync();
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
