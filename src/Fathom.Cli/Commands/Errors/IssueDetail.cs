using System.Text.Json.Nodes;

namespace Fathom.Cli.Commands.Errors;

/// <summary>One issue for a reader: its summary, the latest sample's stack (in-app frames marked) and payload, and the
/// log lines of that failure's request.</summary>
internal static class IssueDetail
{
    public static async Task WriteAsync(TextWriter output, JsonNode document)
    {
        var issue = document["issue"]!;
        await output.WriteLineAsync($"Issue {issue["id"]}: {issue["title"]}");
        await output.WriteLineAsync($"  state:      {issue["state"]}{(issue["regressed"]?.GetValue<bool>() == true ? " (regressed)" : "")}");
        await output.WriteLineAsync($"  count:      {issue["count"]}");
        await output.WriteLineAsync($"  culprit:    {issue["culprit"] ?? "-"}");
        await output.WriteLineAsync($"  first seen: {issue["firstSeen"]} (version {issue["firstVersion"]})");
        await output.WriteLineAsync($"  last seen:  {issue["lastSeen"]} (version {issue["lastVersion"]})");
        await output.WriteLineAsync($"  versions:   {string.Join(" ", (issue["versions"] as JsonArray ?? []).Select(v => v!.ToString()))}");
        var samples = document["samples"] as JsonArray ?? [];
        if (samples.FirstOrDefault() is { } latest)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Latest event {latest["eventId"]} ({latest["origin"]}, request {latest["requestId"] ?? "-"}, version {latest["version"]}):");
            foreach (var frame in (latest["frames"] as JsonArray ?? []).Reverse())
            {
                var mark = frame?["inApp"]?.GetValue<bool>() == true ? ">" : " ";
                await output.WriteLineAsync($"  {mark} at {frame?["function"] ?? "<anonymous>"} ({frame?["file"]}:{frame?["line"]}:{frame?["column"]})");
            }

            if (latest["payload"] is { } payload)
            {
                await output.WriteLineAsync($"  payload: {payload}");
            }
        }

        var logs = document["logs"] as JsonArray ?? [];
        if (logs.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Log lines of that request:");
            foreach (var line in logs)
            {
                await output.WriteLineAsync($"  {line?["time"]} {line?["level"]} {line?["message"]}");
            }
        }
    }
}
