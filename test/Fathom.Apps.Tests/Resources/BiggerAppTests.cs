using Fathom.Apps.Resources;

namespace Fathom.Apps.Tests.Resources;

public sealed class BiggerAppTests
{
    private readonly AppModel _app = TestAssets.LoadValid("bigger-app");

    [Fact]
    public void Load_ExplicitApis_GiveStagesCorsAndPayloadOverrides()
    {
        _app.Routes.Select(r => (r.Method, r.Path, r.ApiLogicalId, r.PayloadFormatVersion, r.Stage)).Should().Equal(
            ("GET", "/items", "RestApi", "1.0", "staging"),
            ("ANY", "/items/{proxy+}", "RestApi", "1.0", "staging"),
            ("GET", "/v2/items/{id}", "HttpApi", "1.0", "v1"));
        _app.Routes[0].Cors!.AllowOrigins.Should().Equal("*");
        _app.Routes[2].Cors!.AllowMethods.Should().Equal("*");
        _app.Routes[2].TimeoutInMillis.Should().Be(5000);
        _app.Routes.Should().AllSatisfy(r => r.FunctionName.Should().Be("items-api-staging"));
        _app.Apis.Single(a => a.LogicalId == "RestApi").BinaryMediaTypes.Should().Equal("image/png", "*/*");
        _app.Apis.Single(a => a.LogicalId == "RestApi").Auth!.Value.GetProperty("DefaultAuthorizer").GetString().Should().Be("NONE");
    }

    [Fact]
    public void Load_FunctionSettings_AreKept()
    {
        var api = _app.FindFunction("ApiFunction")!;
        api.Name.Should().Be("items-api-staging");
        api.Architectures.Should().Equal("arm64");
        api.AutoPublishAlias.Should().Be("live");
        api.ProvisionedConcurrency.Should().Be(2);
        api.DeploymentPreference.Should().BeEquivalentTo(new DeploymentPreferenceModel
        {
            Type = "Linear10PercentEvery1Minute",
            Alarms = ["staging-api-errors"],
            PreTrafficHook = "CodeDeployHook_preTraffic",
            Enabled = true,
        });
        api.Environment["TABLE_NAME"].Should().Be("Items");
        api.Policies!.Value.GetArrayLength().Should().Be(2);
        api.Policies.Value[1].GetProperty("SQSSendMessagePolicy").GetProperty("QueueName").GetString().Should().Be("staging-work");

        var worker = _app.FindFunction("WorkerFunction")!;
        worker.ReservedConcurrentExecutions.Should().Be(5);
        worker.DeadLetterQueue.Should().Be(new DeadLetterQueueModel("SQS", "arn:aws:sqs:us-east-1:000000000000:DeadLetters"));
        worker.EventInvokeConfig!.MaximumRetryAttempts.Should().Be(1);
        worker.EventInvokeConfig.OnFailure!.Destination.Should().Be("arn:aws:sqs:us-east-1:000000000000:DeadLetters");
        worker.FunctionUrlConfig!.AuthType.Should().Be("NONE");
        worker.Logging.Should().Be(new FunctionLoggingModel { LogFormat = "JSON", ApplicationLogLevel = "WARN", SystemLogLevel = "INFO", LogGroup = "/custom/worker" });
    }

    [Fact]
    public void Load_Events_AreTypedAndOthersKept()
    {
        var events = _app.FindFunction("WorkerFunction")!.Events;

        events.OfType<SqsEventModel>().Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            QueueLogicalId = "WorkQueue",
            QueueArn = "arn:aws:sqs:us-east-1:000000000000:staging-work",
            BatchSize = 25,
            MaximumBatchingWindowInSeconds = 5,
        });
        events.OfType<SnsEventModel>().Single().TopicLogicalId.Should().Be("Notifications");
        events.OfType<EventBridgeRuleEventModel>().Single().Pattern!.Value.GetProperty("source")[0].GetString().Should().Be("orders");
        events.OfType<ScheduleEventModel>().Single().Should().BeEquivalentTo(new { Expression = "rate(1 hour)", Timezone = "Europe/Paris", Enabled = false });
        events.OfType<OtherEventModel>().Single().Type.Should().Be("S3");
    }

    [Fact]
    public void Load_MessagingTablesAndAlarms_AreKeptAsData()
    {
        var work = _app.Queues.Single(q => q.LogicalId == "WorkQueue");
        work.Name.Should().Be("staging-work");
        work.Url.Should().Be("https://sqs.us-east-1.amazonaws.com/000000000000/staging-work");
        work.VisibilityTimeoutSeconds.Should().Be(60);
        work.DeadLetterTargetArn.Should().Be("arn:aws:sqs:us-east-1:000000000000:DeadLetters");
        work.MaxReceiveCount.Should().Be(3);
        work.Consumers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { FunctionName = "WorkerFunction", BatchSize = 25 });
        _app.Topics.Single().Subscribers.Should().Equal("WorkerFunction");
        _app.Tables.Single().Should().BeEquivalentTo(new { Name = "Items", PrimaryKeyName = "itemId", PrimaryKeyType = "String" });

        var alarm = _app.Alarms.Single();
        alarm.Name.Should().Be("staging-api-errors");
        alarm.Dimensions.Should().Equal(new Dictionary<string, string> { ["FunctionName"] = "items-api-staging", ["Resource"] = "items-api-staging:live" });
        alarm.Threshold.Should().Be(1.5);
        alarm.EvaluationPeriods.Should().Be(3);
        alarm.DatapointsToAlarm.Should().Be(2);
        alarm.ComparisonOperator.Should().Be("GreaterThanThreshold");
        alarm.AlarmActions.Should().Equal("arn:aws:sns:us-east-1:000000000000:notifications");
        _app.Schedules.Single().Kind.Should().Be("ScheduleV2");
    }

    [Fact]
    public void Load_LambdaFunctionAndOpaqueResources_AreHandled()
    {
        var inline = _app.FindFunction("InlineLambda")!;
        inline.ResourceType.Should().Be("AWS::Lambda::Function");
        inline.InlineCode.Should().Contain("exports.handler");
        inline.Tracing.Should().Be("Active");
        inline.Role.Should().Be("arn:aws:iam::000000000000:role/InlineRole");
        inline.Timeout.Should().Be(TimeSpan.FromSeconds(5));

        _app.NotEmulated.Select(r => (r.LogicalId, r.Type)).Should().Equal(("InlineRole", "AWS::IAM::Role"), ("Uploads", "AWS::S3::Bucket"));
        var warnings = AppLoader.Load(TestAssets.Valid("bigger-app"), AppLoadOptions.Default).Warnings;
        warnings.Select(w => w.Message).Should().Contain(m => m.Contains("'Uploads' (AWS::S3::Bucket) is not emulated"));
        warnings.Should().Contain(w => w.Message.Contains("type S3, which Fathom does not emulate") && w.Line == 133);
    }

    [Fact]
    public void Load_RegionAndAccountOverrides_FlowIntoArns()
    {
        var app = TestAssets.LoadValid("bigger-app", new AppLoadOptions { Region = "eu-west-1", AccountId = "123456789012", StackName = "shop" });

        app.FindFunction("ApiFunction")!.Arn.Should().Be("arn:aws:lambda:eu-west-1:123456789012:function:items-api-staging");
        app.Queues.Single(q => q.LogicalId == "WorkQueue").Url.Should().Be("https://sqs.eu-west-1.amazonaws.com/123456789012/staging-work");
        app.StackName.Should().Be("shop");
    }
}
