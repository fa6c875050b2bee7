using Fathom.Gateway.Routing;
using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Environments;

public sealed class EnvironmentRecordFileTests
{
    [Fact]
    public void Write_ThenReadAll_GivesBackPortParametersRoutesAndFunctions()
    {
        using var temp = new TempDirectory();
        var record = new EnvironmentRecord
        {
            App = "shop",
            Environment = "prod",
            Port = 3001,
            ParameterOverrides = new Dictionary<string, string> { ["Greeting"] = "hi" },
            Routes = [new GatewayRoute { Method = "GET", Path = "/a", FunctionName = "A", Qualifier = "live", ApiKind = ApiKind.Rest }],
            Functions = [new EnvironmentFunction("A", "live", 2)],
            Runtime = new EnvironmentRuntime { Region = "eu-west-1", IdleTimeout = TimeSpan.FromMinutes(1) },
            LastRelease = 4,
        };

        EnvironmentRecordFile.Write(temp.Path, record);
        var read = EnvironmentRecordFile.ReadAll(temp.Path, (_, e) => throw e).Single();

        read.Port.Should().Be(3001);
        read.ParameterOverrides["Greeting"].Should().Be("hi");
        read.Routes.Single().ApiKind.Should().Be(ApiKind.Rest);
        read.Functions.Single().Should().Be(new EnvironmentFunction("A", "live", 2));
        read.Runtime.IdleTimeout.Should().Be(TimeSpan.FromMinutes(1));
        Directory.EnumerateFiles(temp.Combine("environments", "shop")).Should().ContainSingle("the temp file is renamed into place");
    }

    [Fact]
    public void ReadAll_DamagedFile_IsReportedAndTheOthersAreRead()
    {
        using var temp = new TempDirectory();
        EnvironmentRecordFile.Write(temp.Path, new EnvironmentRecord { App = "shop", Environment = "prod", Port = 3000 });
        temp.Write("environments/shop/staging.json", "{ half a fi");
        var unreadable = new List<string>();

        var records = EnvironmentRecordFile.ReadAll(temp.Path, (file, _) => unreadable.Add(Path.GetFileName(file)));

        records.Select(r => r.Environment).Should().Equal("prod");
        unreadable.Should().Equal("staging.json");
    }
}
