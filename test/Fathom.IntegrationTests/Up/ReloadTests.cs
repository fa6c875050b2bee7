using System.Collections.Concurrent;
using System.Diagnostics;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Editing a handler while <c>fathom up</c> serves a stream of requests: new requests switch to the new code
/// and none fails.</summary>
public sealed class ReloadTests
{
    private const string Function = "Greeter";
    private const int Loops = 3;
    private const int MaxRequestsPerLoop = 2_000;
    private const int RequestsAfterSwitch = 10;
    private static readonly TimeSpan MaxStreamTime = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task EditHandler_UnderAStreamOfRequests_SwitchesToTheNewTextWithZeroFailures()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using var up = await FathomUp.StartAsync(app.Directory);
        await up.WarmUpAsync("/greet");
        var before = await up.StatusAsync();
        var versionBefore = before.Versions(Function).Max();
        using var client = up.AppClient();
        var outcomes = new ConcurrentQueue<Outcome>();
        var switched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var elapsed = Stopwatch.StartNew();

        // A few concurrent loops, bounded in count and time; each stops a few requests after the new text is seen.
        var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            var afterSwitch = 0;
            for (var n = 0; n < MaxRequestsPerLoop && elapsed.Elapsed < MaxStreamTime; n++)
            {
                var startedAfterSwitch = switched.Task.IsCompleted;
                if (startedAfterSwitch && ++afterSwitch > RequestsAfterSwitch)
                {
                    return;
                }

                try
                {
                    using var response = await client.GetAsync("/greet");
                    var body = await response.Content.ReadAsStringAsync();
                    outcomes.Enqueue(new Outcome(loop, (int)response.StatusCode, body, null, startedAfterSwitch));
                    if (response.IsSuccessStatusCode && body == "version two")
                    {
                        switched.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcomes.Enqueue(new Outcome(loop, 0, "", e.Message, startedAfterSwitch));
                }
            }
        })).ToArray();

        await WaitForAsync(() => outcomes.Count(o => o.Body == "version one") >= 3 * Loops, TimeSpan.FromMinutes(1));
        var handler = app.PathOf("src/greeter.js");
        await File.WriteAllTextAsync(handler, (await File.ReadAllTextAsync(handler, TestContext.Current.CancellationToken))
            .Replace("version one", "version two", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await Task.WhenAll(loops);

        var all = outcomes.ToArray();
        switched.Task.IsCompleted.Should().BeTrue($"responses should switch to the new text within {MaxStreamTime}; {all.Length} requests:\n{up.Output}");
        all.Where(o => o.Status is < 200 or > 299 || o.Error is not null)
            .Should().BeEmpty($"no request may fail because of a reload ({all.Length} requests sent)");
        all.Select(o => o.Body).Distinct().Should().BeEquivalentTo(["version one", "version two"]);
        all.Where(o => o.StartedAfterSwitch).Should().NotBeEmpty()
            .And.OnlyContain(o => o.Body == "version two", "requests sent after the new version answered go to it");
        var status = await up.StatusAsync();
        var versionAfter = status.Versions(Function).Max();
        versionAfter.Should().BeGreaterThan(versionBefore, "a reload publishes a new version");
        status.Aliases(Function).Values.Should().Contain(versionAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), "the alias moved to it");
        status.Versions("Steady").Should().Equal(before.Versions("Steady"), "a function whose code did not change is not rebuilt");
    }

    [Fact]
    public async Task EditTemplate_NewRouteAndVariable_AreServedWithoutARestart()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using var up = await FathomUp.StartAsync(app.Directory);
        await up.WarmUpAsync("/steady");
        using var client = up.AppClient();
        var template = app.PathOf("template.yaml");

        // Steady gets an environment variable (a configuration change) and a second route.
        var text = await File.ReadAllTextAsync(template, TestContext.Current.CancellationToken);
        text = text.Replace("""
                  Handler: index.handler
            """, """
                  Handler: index.handler
                  Environment:
                    Variables:
                      COLOUR: blue
            """, StringComparison.Ordinal) + """
                    Again:
                      Type: HttpApi
                      Properties: {Path: /steady/again, Method: GET}

            """;
        await File.WriteAllTextAsync(template, text, TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        HttpResponseMessage again;
        while (true)
        {
            again = await client.GetAsync("/steady/again", cts.Token);
            if (again.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                break;
            }

            again.Dispose();
            await Task.Delay(100, cts.Token);
        }

        using (again)
        {
            again.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, up.Output);
            (await again.Content.ReadAsStringAsync(cts.Token)).Should().Be("steady");
        }

        var status = await up.StatusAsync();
        status.Versions("Steady").Should().Equal([1, 2], "a configuration change publishes a new version");
        status.Versions(Function).Should().Equal([1], "the Greeter did not change");
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    private sealed record Outcome(int Loop, int Status, string Body, string? Error, bool StartedAfterSwitch);
}
