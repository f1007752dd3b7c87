using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Tests;

namespace SiteFinder.Benchmarks;

/// <summary>
/// Issue 16's memory figures: what one instance holds for a catalogue of n sites, part by part, and its
/// working set while a second snapshot is swapped in beside the first. Each size runs in a process of its
/// own (`memory-one N`), so one size's heap and peak never count in another's. No storage: the snapshots
/// are built in memory as they are stored (gzip of the documents' JSON) and read back the way
/// <see cref="CatalogueProvider"/> and <c>StatusProvider</c> read them (gunzip, deserialize, build).
/// </summary>
public static class MemoryBenchmark
{
    private static readonly JsonSerializerOptions Json = SnapshotJson.Options;

    public static async Task<string> RunAsync(IReadOnlyList<int> sizes, TextWriter log)
    {
        var rows = new StringBuilder();
        var perSite = new StringBuilder();
        var fits = new List<(int Sites, double PeakMiB)>();
        var folder = Directory.CreateTempSubdirectory("sitefinder-memory-");
        try
        {
            foreach (var n in sizes)
                rows.Append(await MeasureOneAsync(n, folder.FullName, perSite, fits, log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return "Heap after full GCs, and the process's working set, one process per size (MiB):\n\n"
            + "| sites | process before (holds the compressed snapshots) | compressed snapshots (catalogue + board) | sites + names + index | of which the geo index | view parts (serialized) | status board | one instance's catalogue + board | working set, one copy | peak working set, load of one | peak working set, swap (two copies) |\n"
            + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            + rows
            + "\nPer site (bytes of heap held):\n\n"
            + "| sites | sites + names (without index) | geo index | view parts | status board | held per copy | swap peak working set ÷ sites |\n"
            + "|--:|--:|--:|--:|--:|--:|--:|\n"
            + perSite
            + "\n" + Ceiling(fits);
    }

    /// <summary>Writes the size's stored snapshots to files (here, so the child's peak is the load's alone) and measures them in a child process.</summary>
    private static async Task<string> MeasureOneAsync(int n, string folder, StringBuilder perSite, List<(int Sites, double PeakMiB)> fits, TextWriter log)
    {
        var catalogueFile = Path.Combine(folder, "catalogue.json.gz");
        var boardFile = Path.Combine(folder, "board.json.gz");
        WriteSnapshots(n, catalogueFile, boardFile);
        {
            var self = typeof(MemoryBenchmark).Assembly.Location;
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                start.ArgumentList.Add(self);
            start.ArgumentList.Add("memory-one");
            start.ArgumentList.Add(catalogueFile);
            start.ArgumentList.Add(boardFile);
            using var child = Process.Start(start)!;
            var output = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n');
            await child.WaitForExitAsync();
            if (child.ExitCode != 0 || output.Length != 3)
                throw new InvalidOperationException($"memory-one {n} failed: exit code {child.ExitCode}, output '{string.Join('\n', output)}'.");
            perSite.AppendLine(output[1]);
            fits.Add((n, double.Parse(output[2], CultureInfo.InvariantCulture)));
            log.WriteLine($"{n:N0} sites measured (load average {LoadAverage()})");
            return output[0] + "\n";
        }
    }

    /// <summary>
    /// The stored forms, as the publishers write them: records in id order; the board with a status for
    /// every site (one report a minute each, as a steady city has), gzip of their JSON.
    /// </summary>
    private static void WriteSnapshots(int n, string catalogueFile, string boardFile)
    {
        var records = LargeCatalogue.Generate(n, DateTimeOffset.UnixEpoch).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        File.WriteAllBytes(catalogueFile, Gzip(records));
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var board = new PublishedBoard
        {
            ProcessedThrough = now,
            Sites = [.. records.Select((r, i) => new BoardStatus
            {
                SiteId = r.Id,
                Level = (BusyLevel)(i % 4),
                WaitMinutes = i % 3 == 0 ? null : 5 + (i % 40),
                Source = "staff",
                ReportedAt = now.AddSeconds(-(i % 60)),
                ConfirmedAt = now.AddSeconds(-(i % 60)),
                ChangedAt = now.AddMinutes(-(i % 90)),
            })],
        };
        File.WriteAllBytes(boardFile, Gzip(board));
    }

    /// <summary>
    /// The largest catalogue whose swap peak fits a budget: the peak grows linearly with the sites (a line
    /// through the two largest sizes measured below <see cref="GeoIndex.HaloMinPoints"/>, where the index has no
    /// halos, when there are two; else the two largest), so n = (budget − intercept) ÷ slope.
    /// </summary>
    private static string Ceiling(List<(int Sites, double PeakMiB)> fits)
    {
        var withoutHalos = fits.Where(f => f.Sites < GeoIndex.HaloMinPoints).ToList();
        var line = withoutHalos.Count >= 2 ? withoutHalos : fits;
        if (line.Count < 2)
            return string.Empty;
        var (n1, p1) = line[^2];
        var (n2, p2) = line[^1];
        var slope = (p2 - p1) / (n2 - n1);
        var intercept = p1 - (slope * n1);
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Swap peak ≈ {intercept:F0} MiB + {slope * 1_048_576:F0} bytes × sites (line through {n1:N0} and {n2:N0}). Largest catalogue whose swap peak fits:"));
        text.AppendLine();
        text.AppendLine("| worker budget | sites |");
        text.AppendLine("|--:|--:|");
        foreach (var budget in new[] { 1_536, 1_740, 2_048 })
        {
            // A line through sizes without halos understates the slope past the threshold, where the index grows them.
            var sites = (budget - intercept) / slope;
            var note = n2 < GeoIndex.HaloMinPoints && sites >= GeoIndex.HaloMinPoints ? " (beyond the sizes without halos the line was drawn through: an over-estimate)" : "";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {budget:N0} MiB | {sites:N0}{note} |"));
        }
        return text.ToString();
    }

    /// <summary>
    /// A site's view parts are built the first time an answer lists it; an instance that has served a while holds
    /// them all, and that is what is measured (and what the swap holds twice, the next copy warming as it serves).
    /// </summary>
    private static ServedCatalogue WithEveryPart(ServedCatalogue served)
    {
        foreach (var site in served.Catalogue.Sites)
            _ = served.PartsOf(site);
        return served;
    }

    /// <summary>The `memory-one CATALOGUE BOARD` command: three lines (the size's table row, its per-site row, the swap peak in MiB).</summary>
    public static string MeasureInThisProcess(string catalogueFile, string boardFile)
    {
        var options = new StatusOptions();
        var catalogueGzip = File.ReadAllBytes(catalogueFile);
        var boardGzip = File.ReadAllBytes(boardFile);
        long compressed = catalogueGzip.Length + boardGzip.Length;
        var process = Heap();

        // One instance's copy, as a refresh builds it (CatalogueProvider.ToSites: one parsed hours per distinct text): the catalogue (sites, geo index, names), then the
        // view parts beside it (ServedCatalogue), then the status board.
        var catalogue = new Catalogue(CatalogueProvider.ToSites(Load<List<SiteRecord>>(catalogueGzip)));
        _ = catalogue.Names;
        var afterCatalogue = Heap();
        var served = WithEveryPart(new ServedCatalogue(catalogue, 1));
        var afterParts = Heap();
        var statuses = new StatusBoard(Load<PublishedBoard>(boardGzip).Sites, options);
        var afterBoard = Heap();
        var oneCopyWorkingSet = WorkingSet();
        var loadPeak = PeakWorkingSet();

        // The swap: the next snapshot is built while this one still serves.
        var nextCatalogue = new Catalogue(CatalogueProvider.ToSites(Load<List<SiteRecord>>(catalogueGzip)));
        var nextServed = WithEveryPart(new ServedCatalogue(nextCatalogue, 2));
        var nextStatuses = new StatusBoard(Load<PublishedBoard>(boardGzip).Sites, options);
        var swapPeak = PeakWorkingSet();
        GC.KeepAlive(served);
        GC.KeepAlive(statuses);
        GC.KeepAlive(nextServed);
        GC.KeepAlive(nextStatuses);
        GC.KeepAlive(catalogueGzip);
        GC.KeepAlive(boardGzip);

        var n = catalogue.Sites.Count;
        var indexBytes = new GeoIndex(catalogue.Sites.Select(site => site.Location).ToArray()).SizeInBytes;
        var sitesAndNames = afterCatalogue - process - indexBytes;
        var parts = afterParts - afterCatalogue;
        var statusBoard = afterBoard - afterParts;
        var held = afterBoard - process;
        return string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {Mb(process)} | {Mb(compressed)} | {Mb(afterCatalogue - process)} | {Mb(indexBytes)} | {Mb(parts)} | {Mb(statusBoard)} | {Mb(held)} | {Mb(oneCopyWorkingSet)} | {Mb(loadPeak)} | {Mb(swapPeak)} |")
            + "\n"
            + string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {sitesAndNames / n:N0} | {indexBytes / (double)n:N1} | {parts / n:N0} | {statusBoard / n:N0} | {held / n:N0} | {swapPeak / n:N0} |")
            + "\n"
            + string.Create(CultureInfo.InvariantCulture, $"{swapPeak / 1_048_576.0:F1}");
    }

    private static byte[] Gzip<T>(T document)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            JsonSerializer.Serialize(gzip, document, Json);
        return buffer.ToArray();
    }

    private static T Load<T>(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, Json)!;
    }

    /// <summary>Bytes live on the managed heap after two full, compacting collections (the second collects what the first's finalizers freed).</summary>
    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:N1}");
}
