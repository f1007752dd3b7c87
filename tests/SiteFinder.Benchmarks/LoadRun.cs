using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SiteFinder.Benchmarks;

/// <summary>
/// The whole city at once against a running app (run-load.sh starts it on its own Azurite):
/// nearby queries from closed-loop workers at the highest rate they get, while staff reports arrive
/// open-loop at a fixed rate (every site once a minute, each with a client report id) and the
/// app's own aggregation timer runs every minute. Loopback only, bounded in time. Prints markdown.
/// </summary>
public static class LoadRun
{
    private static readonly string[] Levels = ["idle", "normal", "busy"];

    public static async Task<string> RunAsync(Uri api, string adminKey, int readers, double reportsPerSecond, TimeSpan duration, TextWriter log)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = readers + 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };

        var sites = await SiteIdsAsync(http);
        log.WriteLine($"{sites.Count} sites; issuing a staff token for each...");
        var tokens = new string[sites.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sites.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"manage/sites/{sites[i]}/tokens");
            request.Headers.Add("x-admin-key", adminKey);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            tokens[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
        });

        // Warm-up: JIT and connections, so the timed minute measures the steady state.
        await ReadersAsync(http, readers, TimeSpan.FromSeconds(5), new ConcurrentBag<long>(), new int[1]);

        log.WriteLine($"Load: {duration.TotalSeconds:F0} s, {readers} nearby workers, {reportsPerSecond}/s staff reports...");
        var readLatencies = new ConcurrentBag<long>();
        var reportLatencies = new ConcurrentBag<long>();
        var readErrors = new int[1];
        var reportErrors = new ConcurrentDictionary<string, int>();
        var boards = new ConcurrentBag<(long Version, DateTimeOffset PublishedAt)>();
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        var reading = ReadersAsync(http, readers, duration, readLatencies, readErrors);
        var reporting = ReportsAsync(http, sites, tokens, reportsPerSecond, duration, reportLatencies, reportErrors);
        var watching = BoardsAsync(http, boards, stop.Token);
        await Task.WhenAll(reading, reporting);
        var elapsed = watch.Elapsed;
        await watching;

        var reads = readLatencies.Order().ToArray();
        var reports = reportLatencies.Order().ToArray();
        var runs = boards.GroupBy(b => b.Version).Select(g => g.First()).OrderBy(b => b.Version).ToList();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"| traffic | requests | errors | rate (/s) | p50 (ms) | p99 (ms) | max (ms) |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| `GET /api/sites/nearby` ({readers} closed-loop workers) | {reads.Length:N0} | {readErrors[0]} | {reads.Length / elapsed.TotalSeconds:N0} | {Ms(reads, 0.50)} | {Ms(reads, 0.99)} | {Ms(reads, 1)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| `POST /api/sites/{{id}}/status` (open loop, {reportsPerSecond}/s) | {reports.Length:N0} | {reportErrors.Where(e => !e.Key.StartsWith("200", StringComparison.Ordinal)).Sum(e => e.Value)} | {reports.Length / elapsed.TotalSeconds:N0} | {Ms(reports, 0.50)} | {Ms(reports, 0.99)} | {Ms(reports, 1)} |");
        md.AppendLine();
        foreach (var (kind, count) in reportErrors)
            md.AppendLine(CultureInfo.InvariantCulture, $"Reports answered {kind}: {count}.");
        foreach (var run in runs)
        {
            var minute = new DateTimeOffset(run.PublishedAt.Year, run.PublishedAt.Month, run.PublishedAt.Day, run.PublishedAt.Hour, run.PublishedAt.Minute, 0, TimeSpan.Zero);
            md.AppendLine(CultureInfo.InvariantCulture, $"Aggregation run of {minute:HH:mm}Z under load: board version {run.Version} published {(run.PublishedAt - minute).TotalSeconds:F1} s after the timer's minute began.");
        }

        return md.ToString();
    }

    private static async Task<List<string>> SiteIdsAsync(HttpClient http)
    {
        // The demo city: every open site lies within 50 km of People's Square; pages of 100 by search.
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>("sites?limit=100" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            cursor = page.GetProperty("cursor").ValueKind == JsonValueKind.String ? page.GetProperty("cursor").GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private static Task ReadersAsync(HttpClient http, int readers, TimeSpan duration, ConcurrentBag<long> latencies, int[] errors) =>
        Task.WhenAll(Enumerable.Range(0, readers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(42 + worker);
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                var url = string.Create(CultureInfo.InvariantCulture, $"sites/nearby?lat={31.10 + (random.NextDouble() * 0.25):F5}&lng={121.35 + (random.NextDouble() * 0.25):F5}&limit=10");
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK)
                        Interlocked.Increment(ref errors[0]);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors[0]);
                }

                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        })));

    /// <summary>Open loop: each report is sent at its time whatever the earlier ones are doing, as 9,000 phones would.</summary>
    private static async Task ReportsAsync(HttpClient http, List<string> sites, string[] tokens, double perSecond, TimeSpan duration, ConcurrentBag<long> latencies, ConcurrentDictionary<string, int> errors)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var sent = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < total; k++)
        {
            var due = start + (long)(k / perSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var site = k % sites.Count;
            sent.Add(ReportAsync(http, sites[site], tokens[site], Levels[k % Levels.Length], $"load-{k}", latencies, errors));
        }

        await Task.WhenAll(sent);
    }

    private static async Task ReportAsync(HttpClient http, string site, string token, string level, string clientReportId, ConcurrentBag<long> latencies, ConcurrentDictionary<string, int> errors)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"sites/{site}/status") { Content = JsonContent.Create(new { level, clientReportId }) };
            request.Headers.Add("x-staff-token", token);
            using var response = await http.SendAsync(request);
            // 200 is "duplicate": the app's own storage retry found its first attempt already stored (a slow
            // write the SDK timed out and sent again), so the report is stored once: not an error.
            if (response.StatusCode == HttpStatusCode.OK)
                errors.AddOrUpdate("200 duplicate (not an error)", 1, (_, n) => n + 1);
            else if (response.StatusCode != HttpStatusCode.Created)
                errors.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            errors.AddOrUpdate(e is TaskCanceledException ? "timeout (30 s)" : "connection", 1, (_, n) => n + 1);
        }

        latencies.Add(Stopwatch.GetTimestamp() - start);
    }

    /// <summary>The status board's versions as readiness reports them, every second: when each aggregation run published.</summary>
    private static async Task BoardsAsync(HttpClient http, ConcurrentBag<(long, DateTimeOffset)> boards, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("health/ready", stop);
                var status = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("snapshots").GetProperty("status");
                if (status.TryGetProperty("publishedAt", out var at) && status.GetProperty("version").GetInt64() > 0)
                    boards.Add((status.GetProperty("version").GetInt64(), at.GetDateTimeOffset()));
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Ms(long[] sorted, double quantile) =>
        sorted.Length == 0 ? "–" : (sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture);
}
