using System.Text;
using System.Text.Json;
using Fathom.Apps.Config;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;
using Opentelemetry.Proto.Collector.Logs.V1;
using Opentelemetry.Proto.Common.V1;

namespace Fathom.Telemetry.Tests.Forwarding;

public sealed class OtlpForwardingTests
{
    private static LogForwarding Forwarding(OtlpReceiver receiver, OtlpEncoding encoding = OtlpEncoding.Protobuf, Dictionary<string, string>? headers = null) =>
        new(new LogsConfig { Forward = [new OtlpForwardConfig { Endpoint = receiver.Endpoint, Encoding = encoding, Headers = headers ?? [] }] }, FastOptions.Create());

    private static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> attributes) =>
        attributes.ToDictionary(a => a.Key, a => Plain(a.Value));

    private static object? Plain(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Plain).ToList(),
        AnyValue.ValueOneofCase.KvlistValue => Attributes(value.KvlistValue.Values),
        _ => null,
    };

    private static async Task<ExportLogsServiceRequest> ForwardAsync(OtlpEncoding encoding, params LogRecord[] records)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var forwarding = Forwarding(receiver, encoding))
        {
            foreach (var record in records)
            {
                forwarding.Enqueue(record).Should().BeTrue();
            }

            await forwarding.StopAsync();
            forwarding.GetStats().Single().Delivered.Should().Be(records.Length);
        }

        var export = receiver.Accepted.Should().ContainSingle().Subject;
        export.ContentType.Should().Be(encoding == OtlpEncoding.Json ? "application/json" : "application/x-protobuf");
        return export.Decode();
    }

    [Theory]
    [InlineData(OtlpEncoding.Protobuf)]
    [InlineData(OtlpEncoding.Json)]
    public async Task Export_DecodedWithOpenTelemetryProtos_CarriesResourceScopeAndRecord(OtlpEncoding encoding)
    {
        var record = TestRecords.Line("payment declined: card expired", level: LogLevel.Warn) with
        {
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
        };

        var request = await ForwardAsync(encoding, record);

        var resourceLogs = request.ResourceLogs.Should().ContainSingle().Subject;
        Attributes(resourceLogs.Resource.Attributes).Should().Equal(new Dictionary<string, object?>
        {
            ["service.name"] = "orders",
            ["service.namespace"] = "shop",
            ["service.version"] = "7",
            ["deployment.environment.name"] = "prod",
            ["faas.name"] = "orders",
            ["faas.version"] = "7",
        });
        var scopeLogs = resourceLogs.ScopeLogs.Should().ContainSingle().Subject;
        scopeLogs.Scope.Name.Should().Be("fathom");
        var log = scopeLogs.LogRecords.Should().ContainSingle().Subject;
        log.TimeUnixNano.Should().Be((ulong)(record.Time - DateTimeOffset.UnixEpoch).Ticks * 100);
        log.ObservedTimeUnixNano.Should().Be(log.TimeUnixNano);
        log.SeverityNumber.Should().Be(Opentelemetry.Proto.Logs.V1.SeverityNumber.Warn);
        log.SeverityText.Should().Be("WARN");
        log.Body.StringValue.Should().Be("payment declined: card expired");
        Convert.ToHexStringLower(log.TraceId.ToByteArray()).Should().Be("4bf92f3577b34da6a3ce929d0e0e4736");
        Convert.ToHexStringLower(log.SpanId.ToByteArray()).Should().Be("00f067aa0ba902b7");
        Attributes(log.Attributes).Should().Equal(new Dictionary<string, object?>
        {
            ["faas.invocation_id"] = record.RequestId,
            ["faas.instance"] = "a1b2c3",
            ["fathom.source"] = "api",
            ["fathom.qualifier"] = "live",
            ["fathom.stream"] = "stdout",
        });
    }

    [Theory]
    [InlineData(LogLevel.Trace, 1)]
    [InlineData(LogLevel.Debug, 5)]
    [InlineData(LogLevel.Info, 9)]
    [InlineData(LogLevel.Warn, 13)]
    [InlineData(LogLevel.Error, 17)]
    [InlineData(LogLevel.Fatal, 21)]
    public async Task Export_Level_MapsToTheFirstSeverityNumberOfItsRange(LogLevel level, int severity)
    {
        var request = await ForwardAsync(OtlpEncoding.Protobuf, TestRecords.Line("x", level: level));

        var log = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        ((int)log.SeverityNumber).Should().Be(severity);
        log.SeverityText.Should().Be(level.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData(OtlpEncoding.Protobuf)]
    [InlineData(OtlpEncoding.Json)]
    public async Task Export_JsonLine_SendsItsFieldsAsAttributes(OtlpEncoding encoding)
    {
        var record = TestRecords.Line("order placed") with
        {
            Fields = """{"message":"order placed","orderId":"o-17","items":3,"total":19.95,"paid":true,"coupon":null,"tags":["a",1],"customer":{"id":42,"tier":"gold"},"fathom.stream":"spoof"}""",
        };

        var request = await ForwardAsync(encoding, record);

        var attributes = Attributes(request.ResourceLogs[0].ScopeLogs[0].LogRecords[0].Attributes);
        attributes.Should().Contain(new Dictionary<string, object?>
        {
            ["message"] = "order placed",
            ["orderId"] = "o-17",
            ["items"] = 3L,
            ["total"] = 19.95,
            ["paid"] = true,
            ["coupon"] = null,
            ["fathom.stream"] = "stdout",
        });
        attributes["tags"].Should().BeEquivalentTo(new List<object?> { "a", 1L });
        attributes["customer"].Should().BeEquivalentTo(new Dictionary<string, object?> { ["id"] = 42L, ["tier"] = "gold" });
    }

    [Fact]
    public async Task Export_InvocationRecord_IsItsReportLineWithTheNumbersAsAttributes()
    {
        var report = TestRecords.Report("c0ffee00-0000-4000-8000-000000000001");

        var request = await ForwardAsync(OtlpEncoding.Protobuf, report);

        var log = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        log.Body.StringValue.Should().Be("REPORT RequestId: c0ffee00-0000-4000-8000-000000000001\tDuration: 245.67 ms\tBilled Duration: 246 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 180.50 ms");
        Attributes(log.Attributes).Should().Contain(new Dictionary<string, object?>
        {
            ["faas.invocation_id"] = "c0ffee00-0000-4000-8000-000000000001",
            ["fathom.stream"] = "platform",
            ["fathom.duration_ms"] = 245.67,
            ["fathom.billed_duration_ms"] = 246L,
            ["fathom.memory_size_mb"] = 128L,
            ["fathom.max_memory_used_mb"] = 71L,
            ["fathom.init_duration_ms"] = 180.5,
            ["fathom.outcome"] = "Success",
        });
    }

    [Fact]
    public async Task Export_RecordsOfSeveralFunctions_AreGroupedByResourceInOneRequest()
    {
        var request = await ForwardAsync(
            OtlpEncoding.Protobuf,
            TestRecords.Line("a1", function: "a"),
            TestRecords.Line("b1", function: "b"),
            TestRecords.Line("a2", function: "a"),
            TestRecords.Line("ü → ✓ multi\nline", function: "b"));

        request.ResourceLogs.Select(r => (Attributes(r.Resource.Attributes)["service.name"], string.Join("|", r.ScopeLogs[0].LogRecords.Select(l => l.Body.StringValue))))
            .Should().Equal(("a", "a1|a2"), ("b", "b1|ü → ✓ multi\nline"));
    }

    [Fact]
    public async Task Export_Json_UsesOtlpJsonConventions()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var forwarding = Forwarding(receiver, OtlpEncoding.Json))
        {
            forwarding.Enqueue(TestRecords.Report("r-1") with { TraceId = "4BF92F3577B34DA6A3CE929D0E0E4736", SpanId = "00f067aa0ba902b7" });
            await forwarding.StopAsync();
        }

        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(receiver.Accepted.Single().Body));
        var log = json.RootElement.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords")[0];
        log.GetProperty("timeUnixNano").ValueKind.Should().Be(JsonValueKind.String);
        log.GetProperty("observedTimeUnixNano").ValueKind.Should().Be(JsonValueKind.String);
        log.GetProperty("severityNumber").GetInt32().Should().Be(9);
        (log.GetProperty("traceId").GetString(), log.GetProperty("spanId").GetString()).Should().Be(("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
        log.GetProperty("body").GetProperty("stringValue").GetString().Should().StartWith("REPORT RequestId: r-1");
        var billed = log.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "fathom.billed_duration_ms");
        billed.GetProperty("value").GetProperty("intValue").GetString().Should().Be("246");
    }

    [Fact]
    public async Task Export_ConfiguredHeaders_AreSentWithEveryRequest()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var forwarding = Forwarding(receiver, headers: new() { ["Authorization"] = "Bearer s3cret", ["X-Scope-OrgID"] = "tenant-1" }))
        {
            forwarding.Enqueue(TestRecords.Line("x"));
            await forwarding.StopAsync();
        }

        var headers = receiver.Accepted.Single().Headers;
        (headers["Authorization"], headers["X-Scope-OrgID"]).Should().Be(("Bearer s3cret", "tenant-1"));
    }

    [Fact]
    public async Task Send_PermanentClientError_DropsAsRejectedWithoutRetrying()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Status = () => 400;
        await using var forwarding = Forwarding(receiver);

        forwarding.Enqueue(TestRecords.Line("x"));
        forwarding.Enqueue(TestRecords.Line("y"));
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].Pending == 0, "the batch to be settled");

        var stats = forwarding.GetStats().Single();
        (stats.Accepted, stats.Delivered, stats.DroppedByReason[LogDropReason.Rejected]).Should().Be((2, 0, 2));
        stats.LastError.Should().Contain("HTTP 400");
        receiver.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Send_TooManyRequests_WaitsForRetryAfterThenDelivers()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var answers = new Queue<int>([429, 200]);
        receiver.Status = () => answers.Dequeue();
        receiver.RetryAfter = "1";
        await using var forwarding = Forwarding(receiver);
        var started = TimeProvider.System.GetTimestamp();

        forwarding.Enqueue(TestRecords.Line("x"));
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].Delivered == 1, "the retry to be delivered");

        // The back-off alone would have retried after ~20 ms; the server asked for a second.
        TimeProvider.System.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        receiver.Received.Select(r => r.Status).Should().Equal(429, 200);
    }

    [Theory]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473g")]
    [InlineData("00000000000000000000000000000000")]
    public async Task Export_MalformedTraceId_IsLeftOutAndTheRecordStillSent(string traceId)
    {
        var request = await ForwardAsync(OtlpEncoding.Protobuf, TestRecords.Line("x") with { TraceId = traceId });

        var log = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        (log.Body.StringValue, log.TraceId.Length).Should().Be(("x", 0));
    }

    [Fact]
    public async Task Export_LargeMessage_ArrivesWhole()
    {
        var message = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i % 10}ü"));

        var request = await ForwardAsync(OtlpEncoding.Protobuf, TestRecords.Line(message), TestRecords.Line("small"));

        request.ResourceLogs[0].ScopeLogs[0].LogRecords.Select(l => l.Body.StringValue).Should().Equal(message, "small");
    }
}
