using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Status;
using SiteFinder.Functions;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Tests;

namespace SiteFinder.Benchmarks;

/// <summary>
/// Issue 3's benchmark: one status aggregation over the 9,000-site demo catalogue with 100,000 staff
/// reports and 90,000 throughput counts in Azurite, through the app's own services, and (issue 9)
/// the sizes of the two documents the last run published. The tables are left behind (named
/// "bench…") so that the cold-start measurement can start the app on them.
/// </summary>
public static class AggregationBenchmark
{
    public const int Reports = 100_000;
    public const int ReportMinutes = 10;

    /// <summary>BENCH_TABLES when set (run-aggregation.sh points it at an Azurite of its own), else the default Azurite.</summary>
    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable("BENCH_TABLES") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    /// <summary>The app's tables, each named "bench" + its default name, so that every table the app has is covered.</summary>
    public static IReadOnlyDictionary<string, string> Tables { get; } =
        new SiteTablesOptions().All().ToDictionary(t => t.Key, t => "bench" + t.Value, StringComparer.Ordinal);

    /// <summary>Settings that point the app at the benchmark's tables in Azurite.</summary>
    public static Dictionary<string, string?> Settings { get; } =
        Tables.Select(t => KeyValuePair.Create($"{SiteTablesOptions.Section}:{t.Key}", (string?)t.Value))
            .Append(KeyValuePair.Create("Tables", (string?)ConnectionString))
            // The app gives a storage call 3 s; on this shared 2-core machine Azurite sometimes takes longer
            // and a timed-out call would be retried (or fail the run): the benchmark measures, it does not test the bound.
            .Append(KeyValuePair.Create("Tables:Retry:NetworkTimeout", (string?)"00:00:30"))
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>The tables were dropped: a new scope's stores would be fresh, but the singletons cache "table exists"; so build the aggregator's stores anew.</summary>
    private static StatusAggregator FreshAggregator(IServiceProvider services) => ActivatorUtilities.CreateInstance<StatusAggregator>(
        services,
        ActivatorUtilities.CreateInstance<TableStatusHistoryStore>(services),
        ActivatorUtilities.CreateInstance<StatusCheckpointDocument>(services),
        ActivatorUtilities.CreateInstance<StatusBoardDocument>(services));

    public static async Task<string> RunAsync(TextWriter log)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var phases = new PhaseLog();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("SiteFinder.Functions.Status", LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true).AddProvider(phases))
            .AddSiteFinder(configuration)
            .AddSingleton<TimeProvider>(clock)
            .BuildServiceProvider();

        foreach (var table in Tables.Values)
            await services.GetRequiredService<TableServiceClient>().DeleteTableAsync(table);

        var imports = services.GetRequiredService<SiteImportService>();
        var watch = Stopwatch.StartNew();
        await imports.SeedDemoIfEmptyAsync(CancellationToken.None);
        var catalogue = (await services.GetRequiredService<CatalogueProvider>().GetAsync(CancellationToken.None))!.Catalogue;
        log.WriteLine($"seeded {catalogue.Sites.Count} sites in {watch.ElapsedMilliseconds} ms");

        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var inputs = services.GetRequiredService<IStatusInputStore>();
        var random = new Random(3);
        watch.Restart();
        var reports = Enumerable.Range(0, Reports).Select(i => new StatusReport
        {
            SiteId = catalogue.Sites[random.Next(catalogue.Sites.Count)].Id,
            ReportId = $"bench-{i:D6}",
            ReceivedAt = minute.AddMinutes(-ReportMinutes).AddSeconds(random.Next(ReportMinutes * 60)),
            QueueLength = random.Next(0, 120),
            OpenWindows = random.Next(1, 4),
        }).ToList();
        await Parallel.ForEachAsync(reports, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, ct) =>
        {
            // On a loaded machine Azurite can take longer than the SDK's 3 s network timeout, three times in a
            // row; the seed is not what is measured, so it tries again. A 409 is this loop's own earlier
            // attempt, stored after it timed out (each report id is written once here).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await inputs.AddReportAsync(r, null, ct);
                    return;
                }
                catch (Azure.RequestFailedException e) when (e.Status == 409)
                {
                    return;
                }
                catch (AggregateException) when (attempt < 5)
                {
                }
            }
        });
        var counts = catalogue.Sites.SelectMany(s => Enumerable.Range(1, ReportMinutes).Select(m => new ThroughputCount(s.Id, minute.AddMinutes(-m), random.Next(0, 8)))).ToList();
        for (var attempt = 1; ; attempt++)
        {
            // Upserts: a second attempt after a timeout on a loaded Azurite writes the same rows again.
            try
            {
                await inputs.AddThroughputAsync(counts, CancellationToken.None);
                break;
            }
            catch (AggregateException) when (attempt < 5)
            {
            }
        }

        log.WriteLine($"wrote {reports.Count} reports and {counts.Count} counts in {watch.ElapsedMilliseconds} ms");

        // Three rounds of the same three runs; before each round the status state, claims and history
        // are dropped so the first run starts cold again. Before each run, its floor: the same report and
        // throughput entities (same minutes, same columns) as one plain partition-range query per table,
        // so the pair is measured seconds apart on the same Azurite. Medians and the spread are reported.
        var aggregator = services.GetRequiredService<StatusAggregator>();
        var tables = services.GetRequiredService<TableServiceClient>();
        var options = services.GetRequiredService<StatusOptions>();
        var steps = new[]
        {
            ("first run: no previous state, reads every report of the last 30 min", minute, minute.AddMinutes(-options.TtlMinutes)),
            ("next minute: reads the minutes since the last run, 2 of overlap", minute.AddMinutes(1), minute.AddMinutes(-2)),
            ("the minute after", minute.AddMinutes(2), minute.AddMinutes(-1)),
        };
        var times = steps.Select(_ => new List<long>()).ToArray();
        var floors = steps.Select(_ => new List<long>()).ToArray();
        var ratios = steps.Select(_ => new List<double>()).ToArray();
        var phaseLines = steps.Select(_ => new List<string>()).ToArray();
        var floorCounts = new (int Reports, int Counts, long ReportsMilliseconds)[steps.Length];
        var floorReports = steps.Select(_ => new List<long>()).ToArray();
        var results = new AggregationResult[steps.Length];
        var load = new List<string> { LoadAverage() };
        for (var round = 0; round < 3; round++)
        {
            await tables.DeleteTableAsync(Tables[nameof(SiteTablesOptions.SiteStatus)]);
            await tables.DeleteTableAsync(Tables[nameof(SiteTablesOptions.StatusHistory)]);
            await Task.Delay(TimeSpan.FromSeconds(1));
            for (var i = 0; i < steps.Length; i++)
            {
                var (_, at, from) = steps[i];
                watch.Restart();
                floorCounts[i] = await FloorAsync(tables, from, at, at.AddMinutes(-options.RateWindowMinutes));
                floors[i].Add(watch.ElapsedMilliseconds);
                floorReports[i].Add(floorCounts[i].ReportsMilliseconds);

                clock.Set(at.AddSeconds(30));
                phases.Clear();
                watch.Restart();
                results[i] = await FreshAggregator(services).RunAsync(CancellationToken.None);
                times[i].Add(watch.ElapsedMilliseconds);
                ratios[i].Add(times[i][^1] / (double)floors[i][^1]);
                phaseLines[i].Add(phases.Last ?? "?");
                if (floorCounts[i].Reports != results[i].Reports)
                    throw new InvalidOperationException($"The floor read {floorCounts[i].Reports} reports, the run {results[i].Reports}: they must read the same entities.");
                log.WriteLine($"round {round + 1}, {steps[i].Item1}: floor {floors[i][^1]} ms (reports {floorReports[i][^1]} ms), run {times[i][^1]} ms, {results[i].Reports} reports; {phases.Last}");
            }

            load.Add(LoadAverage());
        }

        var rows = new StringBuilder();
        for (var i = 0; i < steps.Length; i++)
        {
            var sorted = times[i].Order().ToList();
            var floor = floors[i].Order().ToList();
            var ratio = ratios[i].Order().ToList();
            rows.AppendLine(CultureInfo.InvariantCulture, $"| {steps[i].Item1} | {results[i].Reports:N0} + {floorCounts[i].Counts:N0} | {results[i].Sites:N0} | {floor[1]:N0} ({floor[0]:N0}–{floor[^1]:N0}) | {sorted[1]:N0} ({sorted[0]:N0}–{sorted[^1]:N0}) | {ratio[1]:F2}× ({ratio[0]:F2}–{ratio[^1]:F2}) |");
        }

        var phaseRows = new StringBuilder();
        for (var i = 0; i < steps.Length; i++)
            phaseRows.AppendLine(CultureInfo.InvariantCulture, $"| {steps[i].Item1} | {string.Join(", ", floors[i].Zip(floorReports[i], (all, r) => $"{r:N0} + {all - r:N0}"))} | {string.Join(" / ", phaseLines[i])} |");

        // What the last run published: the board every instance downloads, the checkpoint only the aggregator reads.
        var documents = new StringBuilder();
        var statusTable = tables.GetTableClient(Tables[nameof(SiteTablesOptions.SiteStatus)]);
        foreach (var (document, pointer) in new[]
        {
            ("status board (every instance)", await services.GetRequiredService<StatusBoardDocument>().GetCurrentAsync(CancellationToken.None)),
            ("checkpoint (the aggregator)", await services.GetRequiredService<StatusCheckpointDocument>().GetCurrentAsync(CancellationToken.None)),
        })
        {
            var (json, stored) = await SizesAsync(statusTable, pointer!);
            documents.AppendLine(CultureInfo.InvariantCulture, $"| {document} | {pointer!.Items:N0} | {json:N0} | {stored:N0} | {pointer.Parts} |");
        }

        return "Load average (1, 5, 15 min) before the rounds and after each: " + string.Join("; ", load) + "\n\n"
            + "| aggregation run | reports + throughput counts read | sites with a status | floor: one range query per table, median (range) ms | run, median (range) ms | run ÷ floor, median of the 3 pairs (range) |\n|---|--:|--:|--:|--:|--:|\n" + rows
            + "\nWhere the time went, rounds 1, 2, 3 (ms): the floor's two queries, and the run's phases from the aggregator's own log:\n\n| aggregation run | floor: reports + throughput | run: phases |\n|---|---|---|\n" + phaseRows
            + "\n| document | sites | JSON (bytes) | stored, gzip (bytes) | parts |\n|---|--:|--:|--:|--:|\n" + documents;
    }

    /// <summary>
    /// The floor: the report entities of minutes from..to and the throughput entities of minutes
    /// rateFrom..to, each as one plain query over a partition-key range, with the columns the store reads,
    /// one after the other. Answers how many of each came back.
    /// </summary>
    private static async Task<(int Reports, int Counts, long ReportsMilliseconds)> FloorAsync(TableServiceClient tables, DateTimeOffset from, DateTimeOffset to, DateTimeOffset rateFrom)
    {
        string[] reportColumns = ["PartitionKey", "RowKey", "SiteId", "ReceivedAt", "Source", "Reporter", "Level", "QueueLength", "OpenWindows"];
        var watch = Stopwatch.StartNew();
        var reports = 0;
        await foreach (var _ in tables.GetTableClient(Tables[nameof(SiteTablesOptions.StatusReports)]).QueryAsync<TableEntity>(Range(from, to), select: reportColumns))
            reports++;
        var reportsMilliseconds = watch.ElapsedMilliseconds;
        var counts = 0;
        await foreach (var _ in tables.GetTableClient(Tables[nameof(SiteTablesOptions.Throughput)]).QueryAsync<TableEntity>(Range(rateFrom, to), select: ["PartitionKey", "RowKey", "Samples"]))
            counts++;
        return (reports, counts, reportsMilliseconds);

        static string Range(DateTimeOffset first, DateTimeOffset last) =>
            TableClient.CreateQueryFilter($"PartitionKey ge {TableStatusInputStore.MinutePartition(first)} and PartitionKey le {TableStatusInputStore.MinutePartition(last)}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Keeps the aggregator's last "Aggregation phases" line, so the table can say where each run's time went.</summary>
    private sealed class PhaseLog : ILoggerProvider, ILogger
    {
        public string? Last { get; private set; }

        public void Clear() => Last = null;

        public ILogger CreateLogger(string categoryName) => categoryName.EndsWith(nameof(StatusAggregator), StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.StartsWith("Aggregation phases", StringComparison.Ordinal))
                Last = message["Aggregation phases (ms): ".Length..];
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A published document's size as JSON and as stored.</summary>
    private static async Task<(long Json, long Stored)> SizesAsync(TableClient table, SnapshotPointer pointer)
    {
        long stored = 0;
        await foreach (var part in table.QueryAsync<TableEntity>(e => e.PartitionKey == pointer.Partition))
            stored += part.Select(p => p.Value).OfType<byte[]>().Sum(chunk => (long)chunk.Length);

        var json = await new PackedSnapshotTable(table, "measured", TimeProvider.System).LoadAsync(pointer, document =>
        {
            var buffer = new byte[81_920];
            long length = 0;
            for (int read; (read = document.Read(buffer)) > 0;)
                length += read;
            return length;
        }, CancellationToken.None);
        return (json, stored);
    }
}
