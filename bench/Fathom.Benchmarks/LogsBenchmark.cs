using System.Diagnostics;
using System.Globalization;
using Fathom.Telemetry.Logs;

namespace Fathom.Benchmarks;

/// <summary>
/// The log store at size: fills a fresh <c>logs.db</c> with N records over F functions (<see cref="LogsCorpus"/>) in
/// batches of 1,000, reports the sustained ingest rate of the last 100k records, then p50/p95 of warm first pages
/// (newest first, 100 records) for the queries a user types, and of request-id lookups.
/// </summary>
internal static class LogsBenchmark
{
    private const int BatchSize = 1_000;
    private const int MeasuredRecords = 100_000;

    private static readonly (string Name, string Filter)[] Queries =
    [
        ("word in 1 % of lines (`checkout`)", "checkout"),
        ("word in 0.01 % of lines (`kraken`)", "kraken"),
        ("phrase in 0.1 % (`\"payment declined\"`)", "\"payment declined\""),
        ("field range (`status>=500`)", "status>=500"),
        ("field equality (`user.plan=enterprise`)", "user.plan=enterprise"),
        ("nested field (`user.id=4242`)", "user.id=4242"),
        ("level (`level>=ERROR`)", "level>=ERROR"),
        ("word + function (`checkout function=fn-07`)", "checkout function=fn-07"),
        ("no filter", ""),
    ];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var total = arguments.Int("lines", 1_000_000);
        var functions = arguments.Int("functions", 20);
        var runs = arguments.Int("runs", 100);
        var directory = arguments.String("data") ?? Path.Combine(Path.GetTempPath(), "fathom-bench-logs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            using var store = LogStore.Open(directory);
            var corpus = new LogsCorpus(functions);
            var fill = Stopwatch.StartNew();
            var stored = 0L;
            while (stored < total - MeasuredRecords)
            {
                stored += (await store.AppendAsync(corpus.Next(BatchSize))).Count;
            }

            fill.Stop();
            Console.WriteLine(Invariant($"filled {stored:N0} records in {fill.Elapsed.TotalSeconds:F1} s ({stored / fill.Elapsed.TotalSeconds:N0} records/s, generation included)"));

            // The measured batches are generated first, so the rate is the store's alone.
            var batches = new List<List<Fathom.Telemetry.Logs.LogRecord>>();
            for (var count = 0; count < MeasuredRecords; count += batches[^1].Count)
            {
                batches.Add(corpus.Next(BatchSize));
            }

            var batchTimes = new List<double>(batches.Count);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var ingest = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                var started = Stopwatch.GetTimestamp();
                stored += (await store.AppendAsync(batch)).Count;
                batchTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            ingest.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var measured = batches.Sum(batch => batch.Count);
            var stats = await store.GetStatsAsync();
            Console.WriteLine(Invariant($"sustained ingest: {measured / ingest.Elapsed.TotalSeconds:N0} records/s over the last {measured:N0} (batch p50 {Percentile(batchTimes, 0.5):F1} ms, p95 {Percentile(batchTimes, 0.95):F1} ms, CPU {cpu.TotalMicroseconds / measured:F1} us/record = {measured / cpu.TotalSeconds:N0} records per CPU-second); {stats.Rows:N0} rows, {stats.BytesInUse / 1e6:F0} MB in use, {stats.FileBytes / 1e6:F0} MB on disk"));
            Console.WriteLine(string.Join(", ", corpus.Counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Invariant($"{pair.Key}: {pair.Value:N0}"))));

            Console.WriteLine();
            Console.WriteLine(Invariant($"| query ({runs} warm runs, first page of 100, newest first) | rows | p50 (ms) | p95 (ms) |"));
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, text) in Queries)
            {
                var filter = LogFilter.Parse(text);
                var rows = 0;
                var times = await TimeAsync(runs, async () => rows = (await store.QueryAsync(new LogQuery { Filter = filter })).Records.Count);
                Console.WriteLine(Invariant($"| {name} | {rows} | {Percentile(times, 0.5):F2} | {Percentile(times, 0.95):F2} |"));
            }

            var random = new Random(7);
            var found = 0;
            var lookups = await TimeAsync(runs, async () => found += (await store.ReadRequestAsync(corpus.RequestIds[random.Next(corpus.RequestIds.Count)])).Count);
            Console.WriteLine(Invariant($"| request-id lookup (all rows of one request, oldest first) | {found / (runs + 5.0):F1} avg | {Percentile(lookups, 0.5):F2} | {Percentile(lookups, 0.95):F2} |"));

            var pages = await TimeAsync(runs, async () =>
            {
                var first = await store.QueryAsync(new LogQuery { Filter = LogFilter.Parse("checkout") });
                await store.QueryAsync(new LogQuery { Filter = LogFilter.Parse("checkout"), Before = first.NextCursor });
            });
            Console.WriteLine(Invariant($"| first two pages of `checkout` | 200 | {Percentile(pages, 0.5):F2} | {Percentile(pages, 0.95):F2} |"));
            Console.WriteLine();
            await RetentionAsync(store, corpus, stats);
            return 0;
        }
        finally
        {
            if (arguments.String("data") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A size-limit retention run that trims a fifth of the store while the writer keeps appending: how long it
    /// takes and how long an ingest batch waits behind it.</summary>
    private static async Task RetentionAsync(LogStore store, LogsCorpus corpus, LogStats stats)
    {
        var retention = new LogRetention(store, new LogRetentionOptions { MaxAge = TimeSpan.FromDays(3650), MaxBytes = stats.BytesInUse * 8 / 10 });
        var batches = Enumerable.Range(0, 200).Select(_ => corpus.Next(BatchSize)).ToList();
        var started = Stopwatch.GetTimestamp();
        var run = Task.Run(() => retention.RunOnceAsync());
        var batchTimes = new List<double>();
        foreach (var batch in batches)
        {
            if (run.IsCompleted)
            {
                break;
            }

            var batchStarted = Stopwatch.GetTimestamp();
            await store.AppendAsync(batch);
            batchTimes.Add(Stopwatch.GetElapsedTime(batchStarted).TotalMilliseconds);
        }

        var result = await run;
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(Invariant($"retention to 80 % of {stats.BytesInUse / 1e6:F0} MB: {result.RowsDeletedBySize:N0} rows deleted in {elapsed.TotalSeconds:F1} s; in use {result.BytesInUseBefore / 1e6:F0} -> {result.BytesInUseAfter / 1e6:F0} MB, on disk {result.FileBytesBefore / 1e6:F0} -> {result.FileBytesAfter / 1e6:F0} MB"));
        if (batchTimes.Count > 0)
        {
            Console.WriteLine(Invariant($"ingest meanwhile: {batchTimes.Count} batches of 1,000, p50 {Percentile(batchTimes, 0.5):F1} ms, max {batchTimes.Max():F1} ms"));
        }
    }

    /// <summary>Five warm-up calls, then <paramref name="runs"/> timed ones, in milliseconds.</summary>
    private static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < 5; i++)
        {
            await action();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * percentile))];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
