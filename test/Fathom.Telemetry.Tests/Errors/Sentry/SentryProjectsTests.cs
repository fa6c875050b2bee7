using Fathom.Telemetry.Errors.Sentry;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

public sealed class SentryProjectsTests
{
    [Fact]
    public void GetOrCreate_TwoEnvironments_GetTheirOwnIdsAndKeysKeptOnDisk()
    {
        using var directory = new TempDirectory("fathom-sentry");
        var projects = SentryProjects.Open(directory.Path);

        var local = projects.GetOrCreate("shop", "local");
        var staging = projects.GetOrCreate("shop", "staging");
        var reopened = SentryProjects.Open(directory.Path);

        (local.Id, staging.Id).Should().Be((1, 2));
        local.PublicKey.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(staging.PublicKey);
        reopened.GetOrCreate("shop", "local").Should().Be(local);
        reopened.Find(2).Should().Be(staging);
        local.Dsn("127.0.0.1:9002").Should().Be($"http://{local.PublicKey}@127.0.0.1:9002/1");
    }
}
