using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Notifications;

/// <summary>`fathom notifications`: recent deliveries (channel, event, status, attempts, last error, next attempt), newest
/// first; `fathom notifications test CHANNEL` sends a test message now.</summary>
internal static class NotificationsCommand
{
    public static Command Create()
    {
        var command = EnvironmentListCommand.Create(
            "notifications",
            "Show recent notification deliveries and failures of a running server: channel, event, status, attempts, last error, next attempt.",
            "deliveries", 50, "fathom/v1/notifications",
            (output, document) => WriteTableAsync(output, (document["deliveries"] as JsonArray ?? []).OfType<JsonObject>().ToList()));
        command.Subcommands.Add(TestCommand());
        return command;
    }

    private static Command TestCommand()
    {
        var channel = new Argument<string>("channel") { Description = "The channel's name under notifications.channels in fathom.yaml.", HelpName = "CHANNEL" };
        var options = new EnvironmentOptions();
        var command = new Command("test", "Send a test message to a channel now and say whether it arrived. Exit codes: 0 delivered, 1 not delivered or API error, 2 usage error.") { channel };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(options.Server), Environment.CurrentDirectory);
            var query = options.Query(result);
            var request = new HttpRequestMessage(HttpMethod.Post, "fathom/v1/notifications/test" + (query.Length > 0 ? "?" + query[1..] : ""))
            {
                Content = JsonContent.Create(new { channel = result.GetValue(channel) }),
            };
            var (code, document) = await AdminApi.SendAsync(adminUrl, request, cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(options.Json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(CliJson.Options));
            }
            else
            {
                await Console.Out.WriteLineAsync($"Sent a test message to {document["channel"]} ({document["app"]}/{document["environment"]}).");
            }

            return 0;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<JsonObject> deliveries)
    {
        if (deliveries.Count == 0)
        {
            await output.WriteLineAsync("No notifications yet. Channels are set in the notifications section of fathom.yaml.");
            return;
        }

        string[] header = ["CREATED", "CHANNEL", "EVENT", "STATUS", "ATTEMPTS", "NEXT", "LAST ERROR"];
        var rows = deliveries.Select(d => new[]
        {
            Time(d["created"]),
            d["channel"]?.ToString() ?? "",
            $"{d["event"]?["kind"]} #{d["event"]?["id"]}",
            d["status"]?.ToString() ?? "",
            d["attempts"]?.ToString() ?? "",
            Time(d["nextAttempt"]),
            d["lastError"]?.ToString() ?? "",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Time(JsonNode? node) =>
        node is null ? "" : DateTimeOffset.TryParse(node.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : node.ToString();
}
