namespace Fathom.Apps.Tests.Config;

public sealed class AlarmsConfigTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
              Handler: index.handler
              Runtime: nodejs20.x
        """;

    [Fact]
    public void Load_AlarmsSection_GivesDefaultsAndPerFunctionOverrides()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", """
            alarms:
              defaults:
                throttles: false
              functions:
                Fn:
                  errorRate: { threshold: 10, period: 30s, evaluationPeriods: 3, datapointsToAlarm: 2, minimumInvocations: 20 }
                  duration: { threshold: 90, treatMissingData: ignore }
            """);

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().BeEmpty();
        var alarms = result.Model!.Config.Alarms;
        alarms.Defaults.Throttles!.Enabled.Should().BeFalse();
        var errorRate = alarms.Functions["Fn"].ErrorRate!;
        errorRate.Threshold.Should().Be(10);
        errorRate.Period.Should().Be(TimeSpan.FromSeconds(30));
        errorRate.EvaluationPeriods.Should().Be(3);
        errorRate.DatapointsToAlarm.Should().Be(2);
        errorRate.MinimumInvocations.Should().Be(20);
        alarms.Functions["Fn"].Duration!.TreatMissingData.Should().Be("ignore");
    }

    [Fact]
    public void Load_UnknownAlarmSetting_IsAnErrorWithItsLocation()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "alarms:\n  functions:\n    Fn:\n      errorRate:\n        treshold: 10\n");

        AppLoader.LoadConfig(temp.Path, out var errors);

        errors.Should().ContainSingle().Which.ToString().Should().Match("*fathom.yaml:5:9: error: unknown setting 'alarms.functions.Fn.errorRate.treshold'*");
    }

    [Fact]
    public void Load_MoreDatapointsThanPeriods_IsAnError()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "alarms:\n  defaults:\n    timeouts: { evaluationPeriods: 2, datapointsToAlarm: 3 }\n    oom: false\n");

        AppLoader.LoadConfig(temp.Path, out var errors);

        errors.Select(e => e.Message).Should().Contain(m => m.Contains("'alarms.defaults.timeouts.datapointsToAlarm' (3) cannot be more than evaluationPeriods (2)"))
            .And.Contain(m => m.Contains("unknown setting 'alarms.defaults.oom'"));
    }
}
