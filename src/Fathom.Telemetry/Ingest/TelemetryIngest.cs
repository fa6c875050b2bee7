using Fathom.Gateway.Traffic;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Logs;
using Microsoft.Extensions.Hosting;
using LogLevel = Fathom.Telemetry.Logs.LogLevel;

namespace Fathom.Telemetry.Ingest;

/// <summary>The one ingest path (DESIGN.md "Telemetry records"): the runtime's <see cref="LogLine"/> and
/// <see cref="InvocationCompleted"/> events and the gateway's <see cref="GatewayRequestCompleted"/> become records,
/// pass the redaction step, and go to every sink (the store, the forwarders). It subscribes when constructed, so
/// nothing printed before the host starts is missed, and it never slows the publishers: a full queue drops and counts.</summary>
public sealed class TelemetryIngest : BackgroundService
{
    private readonly EventSubscription<RuntimeEvent> _runtime;
    private readonly EventSubscription<GatewayRequestCompleted> _gateway;
    private readonly Redactor _redactor;
    private readonly ILogSink[] _sinks;
    private readonly IErrorSink[] _errorSinks;
    private readonly IMetricSink[] _metricSinks;
    private readonly TimeProvider _time;
    private readonly LineContinuation _continuation = new(TimeSpan.FromMilliseconds(100));
    private long _lines;
    private long _invocations;
    private long _requests;

    public TelemetryIngest(
        RuntimeEventHub runtime, GatewayEventHub gateway, Redactor redactor, IEnumerable<ILogSink> sinks,
        IEnumerable<IErrorSink> errorSinks, IEnumerable<IMetricSink> metricSinks, TelemetryDrops drops, TelemetryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime.Subscribe(options.IngestQueueLength, e => drops.Add(e.FunctionName, TelemetryDrops.IngestQueueFull));
        _gateway = gateway.Subscribe(options.IngestQueueLength, e => drops.Add(e.Function ?? "-", TelemetryDrops.IngestQueueFull));
        _redactor = redactor;
        _sinks = [.. sinks];
        _errorSinks = [.. errorSinks];
        _metricSinks = [.. metricSinks];
        _time = time;
    }

    /// <summary>Log records (lines and invocation records) that went to the sinks.</summary>
    public long Records => Interlocked.Read(ref _lines) + Interlocked.Read(ref _invocations);

    /// <summary>Gateway requests seen.</summary>
    public long GatewayRequests => Interlocked.Read(ref _requests);

    /// <summary>Runtime events (lines, invocation records) waiting in the ingest's queue.</summary>
    public int RuntimeQueueDepth => _runtime.Reader.Count;

    /// <summary>Gateway requests waiting in the ingest's queue.</summary>
    public int GatewayQueueDepth => _gateway.Reader.Count;

    public override void Dispose()
    {
        _runtime.Dispose();
        _gateway.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RuntimeLoopAsync(stoppingToken), GatewayLoopAsync(stoppingToken));

    private async Task RuntimeLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _runtime.Reader;
        var ready = new List<LogRecord>();
        try
        {
            while (true)
            {
                var wait = reader.WaitToReadAsync(stoppingToken).AsTask();
                if (_continuation.HasOpen && await Task.WhenAny(wait, Task.Delay(_continuation.Window, _time, stoppingToken)) != wait)
                {
                    _continuation.Flush(_time.GetUtcNow() - _continuation.Window, ready);
                    Emit(ready);
                    continue;
                }

                if (!await wait)
                {
                    break;
                }

                while (reader.TryRead(out var runtimeEvent))
                {
                    Handle(runtimeEvent, ready);
                }

                if (_continuation.HasOpen)
                {
                    _continuation.Flush(_time.GetUtcNow() - _continuation.Window, ready);
                }

                Emit(ready);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: what was read is still handed on below.
        }

        while (reader.TryRead(out var runtimeEvent))
        {
            Handle(runtimeEvent, ready);
        }

        _continuation.Flush(null, ready);
        Emit(ready);
    }

    private async Task GatewayLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _gateway.Reader.ReadAllAsync(stoppingToken))
            {
                Interlocked.Increment(ref _requests);
                foreach (var sink in _metricSinks)
                {
                    sink.OfferRequest(request);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Handle(RuntimeEvent runtimeEvent, List<LogRecord> ready)
    {
        switch (runtimeEvent)
        {
            case LogLine line when !LogLineParser.IsInvocationLine(line):
                var record = LogLineParser.Parse(line, out var plain);
                _continuation.Add(record, plain, ready);
                break;
            case InvocationCompleted completed:
                _continuation.FlushRequest(completed.RequestId, ready);
                ready.Add(InvocationRecord(completed));
                Interlocked.Increment(ref _invocations);
                OfferError(completed);
                foreach (var sink in _metricSinks)
                {
                    sink.OfferInvocation(completed);
                }

                break;
        }
    }

    private void OfferError(InvocationCompleted completed)
    {
        if (_errorSinks.Length > 0 && PlatformErrors.From(completed, _redactor) is { } errorEvent)
        {
            foreach (var sink in _errorSinks)
            {
                sink.Offer(errorEvent);
            }
        }
    }

    private void Emit(List<LogRecord> ready)
    {
        foreach (var record in ready)
        {
            var redacted = _redactor.Redact(record);
            foreach (var sink in _sinks)
            {
                sink.Offer(redacted);
            }

            if (record.Invocation is null)
            {
                Interlocked.Increment(ref _lines);
                foreach (var sink in _metricSinks)
                {
                    sink.OfferLine(redacted);
                }
            }
        }

        ready.Clear();
    }

    private static LogRecord InvocationRecord(InvocationCompleted completed)
    {
        var summary = new InvocationSummary
        {
            Start = completed.Start,
            Duration = completed.Duration,
            BilledDuration = completed.BilledDuration,
            MemorySizeMb = completed.MemorySizeMb,
            MaxMemoryUsedMb = completed.MaxMemoryUsedMb,
            InitDuration = completed.InitDuration,
            Outcome = completed.Outcome.ToString(),
        };
        return new LogRecord
        {
            Time = completed.Time,
            App = completed.App,
            Environment = completed.Environment,
            Function = completed.FunctionName,
            Version = completed.Version,
            Qualifier = completed.Qualifier,
            Source = completed.Source,
            RequestId = completed.RequestId,
            Level = completed.Outcome == InvocationOutcome.Success ? LogLevel.Info : LogLevel.Error,
            Message = LogRendering.Report(completed.RequestId, summary),
            Stream = "platform",
            Invocation = summary,
        };
    }
}
