using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Alarms;

/// <summary>What a user sees of alarms under `fathom up` with a real Node function: a failing function drives its
/// default error-rate alarm to ALARM, seen in `fathom alarms --json` and as one alarm.state event; a template alarm in
/// metric math is reported as not evaluated by `fathom validate`, `fathom up` and `fathom alarms`; the webhook channel of
/// `fathom.yaml` gets exactly one notification for the transition.</summary>
public sealed class AlarmsEndToEndTests(AlarmsAppFixture app) : IClassFixture<AlarmsAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingFunction_DefaultErrorRateAlarmGoesToAlarm_OneAlarmStateEvent()
    {
        using var http = app.Up.AppClient();
        for (var i = 0; i < 8; i++)
        {
            using var response = await http.GetAsync("/checkout/fail", Ct);
            ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        }

        // A 10-second period, then the metrics' lag: generous, since the machine may be busy.
        JsonNode? alarm = null;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var list = await CliJsonAsync("alarms", "--json");
            alarm = list["alarms"]!.AsArray().Single(a => a!["name"]!.ToString() == "Checkout-ErrorRate");
            if (alarm!["state"]!.ToString() == "ALARM")
            {
                break;
            }

            await Task.Delay(500, Ct);
        }

        alarm!["state"]!.ToString().Should().Be("ALARM", app.Up.Output);
        alarm["kind"]!.ToString().Should().Be("default");
        alarm["reason"]!.ToString().Should().StartWith("Threshold Crossed: 1 datapoint [100.0 (").And.EndWith("was greater than the threshold (5.0).");

        using var admin = app.Up.AdminClient();
        var events = JsonNode.Parse(await admin.GetStringAsync("/fathom/v1/events?kind=alarm.state&limit=1000", Ct))!["events"]!.AsArray();
        var raised = events.Where(e => e!["payload"]!["alarm"]!.ToString() == "Checkout-ErrorRate" && e["payload"]!["state"]!.ToString() == "ALARM").ToList();
        raised.Should().ContainSingle();
        raised[0]!["function"]!.ToString().Should().Be("Checkout");
        raised[0]!["dedupeKey"]!.ToString().Should().StartWith("alarm:");
        raised[0]!["payload"]!["datapoints"]!.AsArray().Should().NotBeEmpty();

        var history = await CliJsonAsync("alarms", "history", "Checkout-ErrorRate", "--json");
        history["transitions"]!.AsArray().Select(t => t!["newState"]!.ToString()).Should().Contain("ALARM");

        // The team is told: one webhook delivery for the transition, beside one for the new issue.
        await app.Webhook.WaitForAsync(r => IsAlarmFiring(r.Body), "the Checkout-ErrorRate ALARM notification");
        await app.Webhook.WaitForAsync(r => Kind(r.Body) == "issue.new", "the new-issue notification");
        app.Webhook.Requests.Count(r => IsAlarmFiring(r.Body)).Should().Be(1);
        app.Webhook.Requests.Count(r => Kind(r.Body) == "issue.new").Should().Be(1);
        var body = JsonNode.Parse(app.Webhook.Requests.First(r => IsAlarmFiring(r.Body)).Body)!;
        body["severity"]!.ToString().Should().Be("critical");
        body["title"]!.ToString().Should().Contain("Checkout-ErrorRate");
    }

    private static string? Kind(string body) => JsonNode.Parse(body)?["event"]?["kind"]?.ToString();

    private static bool IsAlarmFiring(string body)
    {
        var e = JsonNode.Parse(body)?["event"];
        return e?["kind"]?.ToString() == "alarm.state" && e["payload"]?["alarm"]?.ToString() == "Checkout-ErrorRate"
            && e["payload"]?["state"]?.ToString() == "ALARM";
    }

    [Fact]
    public async Task MetricMathAlarm_ReportedAsNotEvaluated_ByValidateUpAndAlarms()
    {
        var validate = await FathomCli.RunAsync(app.App.Directory, ["validate", app.App.Directory]);
        validate.StandardOutput.Should().Contain("CheckoutErrorPercent").And.Contain("not evaluated locally: metric math");
        app.Up.Output.Should().Contain("alarm CheckoutErrorPercent is not evaluated locally: metric math");

        var list = await CliJsonAsync("alarms", "--json");
        var math = list["alarms"]!.AsArray().Single(a => a!["name"]!.ToString() == "CheckoutErrorPercent")!;
        math["evaluated"]!.GetValue<bool>().Should().BeFalse();
        math["notEvaluated"]!.ToString().Should().Contain("metric math");
        var table = await FathomCli.RunAsync(app.App.Directory, ["alarms", "--server", app.Up.AdminUrl.ToString()]);
        table.ExitCode.Should().Be(0, table.ToString());
        table.StandardOutput.Should().MatchRegex(@"CheckoutErrorPercent\s+template\s+-\s+not evaluated");
        var template = list["alarms"]!.AsArray().Single(a => a!["name"]!.ToString() == "CheckoutErrors")!;
        template["evaluated"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task UnknownAlarmOrEnvironment_IsA404ProblemAndTheCliSaysWhy()
    {
        using var admin = app.Up.AdminClient();
        using var alarm = await admin.GetAsync("/fathom/v1/alarms/NoSuchAlarm/history", Ct);
        ((int)alarm.StatusCode).Should().Be(404);
        alarm.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var environment = await admin.GetAsync("/fathom/v1/alarms?app=nope&env=prod", Ct);
        ((int)environment.StatusCode).Should().Be(404);

        var cli = await FathomCli.RunAsync(app.App.Directory, ["alarms", "history", "NoSuchAlarm", "--server", app.Up.AdminUrl.ToString()]);
        cli.ExitCode.Should().Be(1);
        cli.StandardError.Should().Contain("no alarm 'NoSuchAlarm'");
    }

    private async Task<JsonNode> CliJsonAsync(params string[] args)
    {
        var result = await FathomCli.RunAsync(app.App.Directory, [.. args, "--server", app.Up.AdminUrl.ToString()]);
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!;
    }
}
