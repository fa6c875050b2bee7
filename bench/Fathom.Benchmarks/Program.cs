using Fathom.Benchmarks;

// Usage:
//   Fathom.Benchmarks serve [--port 9600] [--envs N]   the runtime behind a tiny Kestrel endpoint, for wrk
//   Fathom.Benchmarks cold [--runs 10]                 cold start (launch to first response) vs `node -e 0`
//   Fathom.Benchmarks loop [--count 5000] [--concurrency 1]   invocations straight through FunctionRuntime
//   Fathom.Benchmarks forward [--count 200000]         log forwarding: enqueue cost, OTLP and syslog throughput
//   Fathom.Benchmarks logs [--lines 1000000] [--functions 20] [--runs 100] [--data DIR]   the log store: ingest and queries
//   Fathom.Benchmarks prometheus [--functions 100] [--count 1000000]   /metrics: offer cost, scrape time and size
//   Fathom.Benchmarks metrics [--rate 1000] [--seconds 60] [--functions 10] [--runs 100]   the recorder's CPU per invocation; queries over 24 h
//   Fathom.Benchmarks sigv4 [--count 200000] [--body-kb 1024]   checking one SigV4 signature; hashing the body
//   every command takes --sandbox on|noout|nonet|nolimits|noseccomp|noidentity|off (default on; docs/isolation.md)
var command = args.FirstOrDefault() ?? "serve";
var options = BenchArguments.Parse(args.Skip(1).ToArray());
return command switch
{
    "serve" => await ServeBenchmark.RunAsync(options),
    "cold" => await ColdStartBenchmark.RunAsync(options),
    "loop" => await LoopBenchmark.RunAsync(options),
    "forward" => await ForwardBenchmark.RunAsync(options),
    "logs" => await LogsBenchmark.RunAsync(options),
    "prometheus" => await PrometheusBenchmark.RunAsync(options),
    "metrics" => await MetricsBenchmark.RunAsync(options),
    "sigv4" => await SigV4Benchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Fathom.Benchmarks serve [--port 9600] [--envs N] | cold [--runs 10] | loop [--count 5000] | logs [--lines 1000000] | prometheus [--functions 100] | metrics [--rate 1000]");
    return 2;
}
