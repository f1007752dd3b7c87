using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Tests;

namespace SiteFinder.Benchmarks;

/// <summary>
/// Issue 8's figures: how big the published catalogue gets and how long it takes to publish and to
/// load on Azurite, for catalogues from one city (9,000 sites) to a country; and, up to a size, how
/// long the Sites table takes to take and give back every row. Each size gets tables of its own
/// ("benchSnapshot…"), dropped afterwards.
/// </summary>
public static class SnapshotBenchmark
{
    public const int SiteTableMax = 100_000;

    private static readonly JsonSerializerOptions Json = SnapshotJson.Options;

    public static async Task<string> RunAsync(IReadOnlyList<int> sizes, TextWriter log)
    {
        var service = new TableServiceClient("UseDevelopmentStorage=true");
        var publishing = new StringBuilder();
        var loading = new StringBuilder();
        var siteTable = new StringBuilder();
        foreach (var n in sizes)
        {
            var options = Options.Create(new SiteTablesOptions
            {
                Catalogue = string.Create(CultureInfo.InvariantCulture, $"benchSnapshot{n}"),
                Sites = string.Create(CultureInfo.InvariantCulture, $"benchSnapshotSites{n}"),
            });
            await service.DeleteTableAsync(options.Value.Catalogue);
            await service.DeleteTableAsync(options.Value.Sites);
            try
            {
                var records = LargeCatalogue.Generate(n, DateTimeOffset.UnixEpoch);
                var (published, loaded) = await MeasureSnapshotAsync(service, options, records, log);
                publishing.AppendLine(published);
                loading.AppendLine(loaded);
                if (n <= SiteTableMax)
                    siteTable.AppendLine(await MeasureSiteTableAsync(service, options, records, log));
            }
            finally
            {
                await service.DeleteTableAsync(options.Value.Catalogue);
                await service.DeleteTableAsync(options.Value.Sites);
            }
        }

        return "| sites | document (JSON) | per site | stored (gzip) | parts | sort + serialize + hash (ms) | serialize + gzip (ms) | publish (ms) | allocated by publish | republish unchanged (ms) |\n"
            + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            + publishing
            + "\nLoading it back: the parts alone, then what an instance does when the pointer moved (read it, load the parts, parse, build the catalogue and its index), here and in a fresh process:\n\n"
            + "| sites | read parts + gunzip (ms) | allocated by the read | instance refresh (ms) | allocated by the refresh | heap held by the catalogue | fresh process: refresh (ms) | fresh process: peak working set |\n"
            + "|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            + loading
            + "\nThe Sites table, through `TableSiteStore`:\n\n"
            + "| sites | upsert every row (ms) | LoadAllAsync (ms) |\n|--:|--:|--:|\n"
            + siteTable;
    }

    /// <summary>The `snapshot-load` command: one catalogue refresh in a process of its own, so that its peak memory is the refresh's.</summary>
    public static async Task<string> LoadInThisProcessAsync(string catalogueTable)
    {
        var options = Options.Create(new SiteTablesOptions { Catalogue = catalogueTable });
        var provider = new CatalogueProvider(new CatalogueDocument(new TableServiceClient("UseDevelopmentStorage=true"), options, TimeProvider.System), NullLogger<CatalogueProvider>.Instance, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        await provider.RefreshAsync(CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture, $"{watch.ElapsedMilliseconds} {Process.GetCurrentProcess().PeakWorkingSet64} {provider.Current.Catalogue.Sites.Count}");
    }

    private static async Task<(long Milliseconds, long PeakBytes)> LoadInFreshProcessAsync(string catalogueTable, int expected)
    {
        var self = typeof(SnapshotBenchmark).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(self);
        start.ArgumentList.Add("snapshot-load");
        start.ArgumentList.Add(catalogueTable);
        using var child = Process.Start(start)!;
        var output = (await child.StandardOutput.ReadToEndAsync()).Split(' ');
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || output.Length != 3 || int.Parse(output[2], CultureInfo.InvariantCulture) != expected)
            throw new InvalidOperationException($"The fresh process failed to load {expected} sites: exit code {child.ExitCode}, output '{string.Join(' ', output)}'.");
        return (long.Parse(output[0], CultureInfo.InvariantCulture), long.Parse(output[1], CultureInfo.InvariantCulture));
    }

    private static async Task<(string Publishing, string Loading)> MeasureSnapshotAsync(TableServiceClient service, IOptions<SiteTablesOptions> options, List<SiteRecord> records, TextWriter log)
    {
        // The store's own work without storage, as it does it: the records serialized once to hash
        // them, once more to compress them.
        var watch = Stopwatch.StartNew();
        var ordered = records.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        using (var sha256 = SHA256.Create())
        using (var hashing = new CryptoStream(Stream.Null, sha256, CryptoStreamMode.Write))
            JsonSerializer.Serialize(hashing, ordered, Json);
        var hash = watch.ElapsedMilliseconds;
        watch.Restart();
        using (var gzip = new GZipStream(Stream.Null, CompressionLevel.Optimal))
            JsonSerializer.Serialize(gzip, ordered, Json);
        var compress = watch.ElapsedMilliseconds;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        // As CataloguePublisher does: in id order, so that the same sites make the same document.
        var pointer = (await new CatalogueDocument(service, options, TimeProvider.System).PublishAsync(records.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray(), records.Count, CancellationToken.None)).Pointer;
        var publish = watch.ElapsedMilliseconds;
        var publishAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // What the snapshot timer costs when nothing changed: one pointer read, the records hashed.
        watch.Restart();
        if ((await new CatalogueDocument(service, options, TimeProvider.System).PublishAsync(records.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray(), records.Count, CancellationToken.None)).Pointer != pointer)
            throw new InvalidOperationException("Publishing the same records again moved the pointer.");
        var republish = watch.ElapsedMilliseconds;

        var table = service.GetTableClient(options.Value.Catalogue);
        long stored = 0;
        await foreach (var part in table.QueryAsync<TableEntity>(e => e.PartitionKey == pointer.Partition))
            stored += part.Keys.Where(k => k.Length == 3 && k[0] == 'c').Sum(k => (long)part.GetBinary(k)!.Length);

        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        var documentBytes = await new PackedSnapshotTable(table, "catalogue", TimeProvider.System).LoadAsync(pointer, Length, CancellationToken.None);
        var readParts = watch.ElapsedMilliseconds;
        var readPartsAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // What an instance does when the pointer moved: read it, load the parts, parse, build the index.
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var provider = new CatalogueProvider(new CatalogueDocument(service, options, TimeProvider.System), NullLogger<CatalogueProvider>.Instance, TimeProvider.System);
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        await provider.RefreshAsync(CancellationToken.None);
        var refresh = watch.ElapsedMilliseconds;
        var refreshAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        if (provider.Current.Catalogue.Sites.Count != records.Count)
            throw new InvalidOperationException($"Loaded {provider.Current.Catalogue.Sites.Count} sites, published {records.Count}.");
        GC.KeepAlive(provider);

        var (freshRefresh, freshPeak) = await LoadInFreshProcessAsync(options.Value.Catalogue, records.Count);
        log.WriteLine($"{records.Count} sites: {documentBytes} bytes, {stored} stored in {pointer.Parts} parts; publish {publish} ms, refresh {refresh} ms, in a fresh process {freshRefresh} ms");
        return (
            string.Create(CultureInfo.InvariantCulture,
                $"| {records.Count:N0} | {Mb(documentBytes)} | {documentBytes / records.Count:N0} B | {Mb(stored)} | {pointer.Parts:N0} | {hash:N0} | {compress:N0} | {publish:N0} | {Mb(publishAllocated)} | {republish:N0} |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| {records.Count:N0} | {readParts:N0} | {Mb(readPartsAllocated)} | {refresh:N0} | {Mb(refreshAllocated)} | {Mb(held)} | {freshRefresh:N0} | {Mb(freshPeak)} |"));
    }

    private static async Task<string> MeasureSiteTableAsync(TableServiceClient service, IOptions<SiteTablesOptions> options, List<SiteRecord> records, TextWriter log)
    {
        var sites = records.Select(r => r.ToSite()).ToList();
        var store = new TableSiteStore(service, options);
        var watch = Stopwatch.StartNew();
        await store.UpsertAsync(sites, CancellationToken.None);
        var upsert = watch.ElapsedMilliseconds;
        watch.Restart();
        var loaded = await store.LoadAllAsync(CancellationToken.None);
        var loadAll = watch.ElapsedMilliseconds;
        if (loaded.Count != sites.Count)
            throw new InvalidOperationException($"Loaded {loaded.Count} rows, wrote {sites.Count}.");

        log.WriteLine($"{sites.Count} site rows: upsert {upsert} ms, load all {loadAll} ms");
        return string.Create(CultureInfo.InvariantCulture, $"| {sites.Count:N0} | {upsert:N0} | {loadAll:N0} |");
    }

    private static long Length(Stream document)
    {
        var buffer = new byte[81_920];
        long length = 0;
        for (int read; (read = document.Read(buffer)) > 0;)
            length += read;
        return length;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:N1} MiB");
}
