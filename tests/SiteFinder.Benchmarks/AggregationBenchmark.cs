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

    /// <summary>The app's tables, each named "bench" + its default name, so that every table the app has is covered.</summary>
    public static IReadOnlyDictionary<string, string> Tables { get; } =
        new SiteTablesOptions().All().ToDictionary(t => t.Key, t => "bench" + t.Value, StringComparer.Ordinal);

    /// <summary>Settings that point the app at the benchmark's tables in Azurite.</summary>
    public static Dictionary<string, string?> Settings { get; } =
        Tables.Select(t => KeyValuePair.Create($"{SiteTablesOptions.Section}:{t.Key}", (string?)t.Value))
            .Append(KeyValuePair.Create("Tables", (string?)"UseDevelopmentStorage=true"))
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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("SiteFinder.Functions.Status", LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true))
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
        await Parallel.ForEachAsync(reports, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (r, ct) =>
            await inputs.AddReportAsync(r, null, ct));
        var counts = catalogue.Sites.SelectMany(s => Enumerable.Range(1, ReportMinutes).Select(m => new ThroughputCount(s.Id, minute.AddMinutes(-m), random.Next(0, 8)))).ToList();
        await inputs.AddThroughputAsync(counts, CancellationToken.None);
        log.WriteLine($"wrote {reports.Count} reports and {counts.Count} counts in {watch.ElapsedMilliseconds} ms");

        // Three rounds of the same three runs; before each round the status state, claims and history
        // are dropped so the first run starts cold again. Medians and the spread are reported.
        var aggregator = services.GetRequiredService<StatusAggregator>();
        var tables = services.GetRequiredService<TableServiceClient>();
        var steps = new[]
        {
            ("first run: no previous state, reads every report of the last 30 min", minute),
            ("next minute: reads the 3 minutes since the last run", minute.AddMinutes(1)),
            ("the minute after", minute.AddMinutes(2)),
        };
        var times = steps.Select(_ => new List<long>()).ToArray();
        var results = new AggregationResult[steps.Length];
        for (var round = 0; round < 3; round++)
        {
            await tables.DeleteTableAsync(Tables[nameof(SiteTablesOptions.SiteStatus)]);
            await tables.DeleteTableAsync(Tables[nameof(SiteTablesOptions.StatusHistory)]);
            await Task.Delay(TimeSpan.FromSeconds(1));
            for (var i = 0; i < steps.Length; i++)
            {
                clock.Set(steps[i].Item2.AddSeconds(30));
                watch.Restart();
                results[i] = await FreshAggregator(services).RunAsync(CancellationToken.None);
                times[i].Add(watch.ElapsedMilliseconds);
                log.WriteLine($"round {round + 1}, {steps[i].Item1}: {watch.ElapsedMilliseconds} ms, {results[i].Reports} reports");
            }
        }

        var rows = new StringBuilder();
        for (var i = 0; i < steps.Length; i++)
        {
            var sorted = times[i].Order().ToList();
            rows.AppendLine(CultureInfo.InvariantCulture, $"| {steps[i].Item1} | {results[i].Reports:N0} | {results[i].Sites:N0} | {sorted[1]:N0} | {sorted[0]:N0}–{sorted[^1]:N0} |");
        }

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

        return "| aggregation run | reports read | sites with a status | median wall time (ms) | range of 3 rounds (ms) |\n|---|--:|--:|--:|--:|\n" + rows
            + "\n| document | sites | JSON (bytes) | stored, gzip (bytes) | parts |\n|---|--:|--:|--:|--:|\n" + documents;
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
