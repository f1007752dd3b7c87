using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Benchmarks;

/// <summary>
/// Issue 16: what <c>GET /api/sites/nearby</c> does beyond the floor endpoint, in process and without HTTP, part
/// by part, as <see cref="SitesApi"/> does it: the query string read (ASP.NET Core's own query parsing),
/// <see cref="NearbyRequest.Parse"/>, <see cref="Catalogue.Nearby"/>, <see cref="NearbyJson.Write"/> and the
/// result executed into a response whose body is <see cref="Stream.Null"/>. The catalogue is the demo city's
/// 9,000 sites built as the app builds it (<see cref="ServedCatalogue"/>); the points are nearby.lua's (same
/// box, same rounding, limit 10). Per part: mean µs per request (median over rounds) and bytes allocated per
/// request (<see cref="GC.GetAllocatedBytesForCurrentThread"/>). <c>--check</c> prints a SHA-256 of many
/// answers (points, limits, instants, coordinate systems, sorts, a board with statuses), so a change to the
/// writer can be shown to keep every byte.
/// </summary>
public static class NearbyPath
{
    private static readonly string[] Parts = ["query string", "NearbyRequest.Parse", "Catalogue.Nearby", "NearbyJson.Write", "result executed"];

    public static string Run(string[] args, TextWriter progress)
    {
        var requests = Option(args, "--requests", 20_000);
        var rounds = Option(args, "--rounds", 7);
        var withStatuses = args.Contains("--statuses");

        // 14:30 in Shanghai on a Wednesday: most demo sites with hours are open (the HTTP runs are made by day, UTC).
        var now = DateTimeOffset.Parse(Value(args, "--now") ?? "2026-12-02T06:30:00Z", CultureInfo.InvariantCulture);
        var served = new ServedCatalogue(new Catalogue(DemoCatalogue.Generate(now)));
        var board = withStatuses ? HalfReported(served.Catalogue, now) : StatusBoard.Empty(new StatusOptions());
        var random = new Random(42);
        var queries = Enumerable.Range(0, requests).Select(_ => Query(random, 10)).ToArray();

        if (args.Contains("--check"))
            return Check(served, board, now);
        if (args.Contains("--detail"))
            return Detail(served, board, now, queries, rounds);

        // Each part is timed over a chunk of requests at once (wall clock and the process's CPU time, which the
        // other tenants of a shared machine disturb less); chunks are small, so the pooled answers are given back
        // before the pool runs dry, as they are when each request is sent.
        // --evict KB: one request a chunk, and KB of memory written between requests, outside the timed parts. A serving
        // instance meets each request's sites out of cache (sockets, buffers and other requests' sites come between);
        // timed back to back, 8 requests share what the first brought in, and the loads that miss on a busy host are hidden.
        var evictKb = Option(args, "--evict", 0);
        var evict = new byte[evictKb * 1024];
        var chunk = evictKb > 0 ? 1 : 8;
        var wall = new double[rounds, Parts.Length];
        var cpu = new double[rounds, Parts.Length];
        var bytes = new long[Parts.Length];
        long answerBytes = 0;
        var contexts = new DefaultHttpContext[chunk];
        var actions = new ActionContext[chunk];
        var collections = new IQueryCollection[chunk];
        var requestsOf = new NearbyRequest[chunk];
        var hitsOf = new IReadOnlyList<NearbyHit>[chunk];
        var bodies = new ReadOnlyMemory<byte>[chunk];
        for (var round = -1; round < rounds; round++)
        {
            // Round -1 warms up (tiering, the per-weekday static parts); it is not counted.
            var wallSums = new long[Parts.Length];
            var cpuSums = new TimeSpan[Parts.Length];
            var allocated = new long[Parts.Length];
            answerBytes = 0;
            for (var first = 0; first < queries.Length; first += chunk)
            {
                var count = Math.Min(chunk, queries.Length - first);
                for (var b = 0; b < evict.Length; b += 64)
                    evict[b]++;
                for (var i = 0; i < count; i++)
                {
                    contexts[i] = new DefaultHttpContext();
                    contexts[i].Request.QueryString = new QueryString(queries[first + i]);
                    contexts[i].Response.Body = Stream.Null;
                    actions[i] = new ActionContext(contexts[i], new RouteData(), new ActionDescriptor());
                }

                for (var p = 0; p < Parts.Length; p++)
                {
                    var a0 = GC.GetAllocatedBytesForCurrentThread();
                    var c0 = Environment.CpuUsage.TotalTime;
                    var t0 = Stopwatch.GetTimestamp();
                    for (var i = 0; i < count; i++)
                    {
                        switch (p)
                        {
                            case 0:
                                collections[i] = contexts[i].Request.Query;
                                break;
                            case 1:
                                requestsOf[i] = NearbyRequest.Parse(collections[i]).Request!;
                                break;
                            case 2:
                                hitsOf[i] = served.Catalogue.Nearby(requestsOf[i].Query, now, board);
                                break;
                            case 3:
                                bodies[i] = NearbyJson.Write(hitsOf[i], served, requestsOf[i].Coord, now, board);
                                break;
                            default:
                                var task = new Utf8JsonResult(bodies[i], pooled: true).ExecuteResultAsync(actions[i]);
                                if (!task.IsCompletedSuccessfully)
                                    task.GetAwaiter().GetResult();
                                break;
                        }
                    }

                    wallSums[p] += Stopwatch.GetTimestamp() - t0;
                    cpuSums[p] += Environment.CpuUsage.TotalTime - c0;
                    allocated[p] += GC.GetAllocatedBytesForCurrentThread() - a0;
                }

                for (var i = 0; i < count; i++)
                    answerBytes += bodies[i].Length;
            }

            if (round < 0)
                continue;
            for (var p = 0; p < Parts.Length; p++)
            {
                wall[round, p] = wallSums[p] * 1e6 / Stopwatch.Frequency / requests;
                cpu[round, p] = cpuSums[p].TotalMicroseconds / requests;
            }

            bytes = allocated;
            progress.WriteLine($"round {round + 1}: {string.Join(", ", Enumerable.Range(0, Parts.Length).Select(p => $"{Parts[p]} {wall[round, p]:F2} µs ({cpu[round, p]:F2} CPU)"))}");
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"nearby-path: {served.Catalogue.Sites.Count:N0} demo sites, {(withStatuses ? "statuses for half the sites" : "empty status board")}, now {now:u}, {requests:N0} requests (nearby.lua's points, limit 10) a round, {rounds} rounds{(evictKb > 0 ? $", {evictKb:N0} KB written between requests" : "")}; mean answer {answerBytes / requests:N0} bytes; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        report.AppendLine();
        report.AppendLine("| part | CPU µs per request (median of rounds) | wall µs per request (median) | wall min–max over rounds | bytes allocated per request |");
        report.AppendLine("|---|--:|--:|--:|--:|");
        var totalWall = new double[rounds];
        var totalCpu = new double[rounds];
        for (var p = 0; p < Parts.Length; p++)
        {
            var wallOf = Enumerable.Range(0, rounds).Select(r => wall[r, p]).ToArray();
            var cpuOf = Enumerable.Range(0, rounds).Select(r => cpu[r, p]).ToArray();
            for (var r = 0; r < rounds; r++)
            {
                totalWall[r] += wallOf[r];
                totalCpu[r] += cpuOf[r];
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {Parts[p]} | {Median(cpuOf):F2} | {Median(wallOf):F2} | {wallOf.Min():F2}–{wallOf.Max():F2} | {bytes[p] / (double)requests:N0} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| **all** | **{Median(totalCpu):F2}** | **{Median(totalWall):F2}** | {totalWall.Min():F2}–{totalWall.Max():F2} | **{bytes.Sum() / (double)requests:N0}** |");
        return report.ToString();
    }

    /// <summary>
    /// The pieces of <see cref="NearbyJson.Write"/>, each timed over all requests at once (one clock read a
    /// piece, not a request): per request, the site's parts looked up and their static JSON, the Shanghai
    /// time, open now and the status of each listed site.
    /// </summary>
    private static string Detail(ServedCatalogue served, StatusBoard board, DateTimeOffset now, string[] queries, int rounds)
    {
        var requests = queries.Select(q => NearbyRequest.Parse(new DefaultHttpContext { Request = { QueryString = new QueryString(q) } }.Request.Query).Request!).ToArray();
        var hits = requests.Select(r => served.Catalogue.Nearby(r.Query, now, board)).ToArray();
        var date = DateOnly.FromDateTime(SiteFinder.Domain.Hours.ShanghaiClock.ToLocal(now));
        var sink = 0L;
        (string Name, Action Body)[] pieces =
        [
            ("PartsOf + StaticJson, each site", () =>
            {
                foreach (var list in hits)
                {
                    foreach (var hit in list)
                        sink += served.PartsOf(hit.Site).StaticJson(CoordinateSystem.Wgs84, date).Length;
                }
            }),
            ("ShanghaiClock.ToLocal, once a site", () =>
            {
                foreach (var list in hits)
                {
                    foreach (var hit in list)
                        sink += SiteFinder.Domain.Hours.ShanghaiClock.ToLocal(now).Ticks;
                }
            }),
            ("Site.IsOpenAt, each site", () =>
            {
                foreach (var list in hits)
                {
                    foreach (var hit in list)
                        sink += hit.Site.IsOpenAt(now) == true ? 1 : 0;
                }
            }),
            ("StatusBoard.Current, each site", () =>
            {
                foreach (var list in hits)
                {
                    foreach (var hit in list)
                        sink += (int)board.Current(hit.Site, now).Level;
                }
            }),
            ("StatusView.Of(board.Current), each site", () =>
            {
                foreach (var list in hits)
                {
                    foreach (var hit in list)
                        sink += (int)StatusView.Of(board.Current(hit.Site, now)).Level;
                }
            }),
            ("NearbyJson.Write, whole", () =>
            {
                foreach (var list in hits)
                {
                    var body = NearbyJson.Write(list, served, CoordinateSystem.Wgs84, now, board);
                    sink += body.Length;
                    if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var segment) && segment.Array is { } array)
                        System.Buffers.ArrayPool<byte>.Shared.Return(array);
                }
            }),
        ];

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"nearby-path --detail: {queries.Length:N0} requests, {hits.Sum(h => h.Count) / (double)hits.Length:F1} sites listed per request; µs per request, median of {rounds} rounds (one warm-up); bytes allocated per request");
        report.AppendLine();
        report.AppendLine("| piece | µs per request | bytes per request |");
        report.AppendLine("|---|--:|--:|");
        foreach (var (name, body) in pieces)
        {
            body();
            var perRound = new double[rounds];
            long allocated = 0;
            for (var r = 0; r < rounds; r++)
            {
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                body();
                perRound[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / queries.Length;
                allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(perRound):F2} | {allocated / (double)queries.Length:N0} |");
        }

        return report.AppendLine(CultureInfo.InvariantCulture, $"(sink {sink % 10})").ToString();
    }

    /// <summary>A SHA-256 over many answers: the same before and after a change means every byte was kept.</summary>
    private static string Check(ServedCatalogue served, StatusBoard emptyBoard, DateTimeOffset now)
    {
        var random = new Random(7);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var answers = 0;
        long total = 0;
        foreach (var hour in new[] { 0, 3, 6, 9, 13, 17, 21 })
        {
            var at = now.Date.AddHours(hour).AddMinutes(random.Next(60));
            var instant = new DateTimeOffset(at, TimeSpan.Zero).AddDays(random.Next(7)).AddTicks(random.Next(2) * random.Next(10_000_000));
            foreach (var board in new[] { emptyBoard, HalfReported(served.Catalogue, instant.AddMinutes(random.Next(-5, 60)), varied: true) })
            {
                for (var i = 0; i < 300; i++)
                {
                    var limit = random.Next(3) == 0 ? 1 + random.Next(50) : 10;
                    var extra = (random.Next(6)) switch
                    {
                        0 => "&coord=gcj02",
                        1 => "&coord=bd09&open=now",
                        2 => "&sort=time",
                        3 => "&notBusy=true&audience=any",
                        4 => "&type=mobile&radius=3000",
                        _ => "",
                    };
                    var (nearby, errors) = NearbyRequest.Parse(new DefaultHttpContext { Request = { QueryString = new QueryString(Query(random, limit) + extra) } }.Request.Query);
                    if (nearby is null)
                        throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
                    var hits = nearby.Sort == NearbySort.Time ? served.Catalogue.NearbyByTime(nearby.Query, instant, board) : served.Catalogue.Nearby(nearby.Query, instant, board);
                    var near = i % 50 == 0 ? """{"near":{"name":"翠湖天地","source":"gazetteer"},"degraded":true}"""u8.ToArray() : null;
                    var body = NearbyJson.Write(hits, served, nearby.Coord, instant, board, near);
                    hash.AppendData(body.Span);
                    total += body.Length;
                    answers++;
                }
            }
        }

        return $"nearby-path --check: {answers} answers, {total:N0} bytes, SHA-256 {Convert.ToHexString(hash.GetHashAndReset())}";
    }

    /// <summary>
    /// Half the sites with a report (the rest no data), as the NearbyJson test's board, and for <c>--check</c> also
    /// levels reported as such, every source, stale reports and times with and without fractions of a second.
    /// </summary>
    private static StatusBoard HalfReported(Catalogue catalogue, DateTimeOffset now, bool varied = false)
    {
        var random = new Random(4);
        var options = new StatusOptions();
        string[] sources = [StatusSources.Staff, StatusSources.Residents, StatusSources.Operator, StatusSources.Demo, "unknown"];
        BusyLevel[] levels = [BusyLevel.Paused, BusyLevel.Unconfirmed, BusyLevel.Busy, BusyLevel.Idle];
        var statuses = catalogue.Sites.Where(_ => random.Next(2) == 0).Select(s =>
        {
            var received = now.AddMinutes(-random.Next(varied ? 90 : 30));
            if (varied && random.Next(2) == 0)
                received = received.AddTicks(random.Next(4) == 0 ? 5_000_000 : random.Next(10_000_000));
            var report = new StatusReport { SiteId = s.Id, ReportId = "r", ReceivedAt = received, QueueLength = random.Next(80), OpenWindows = 2 };
            if (varied)
                report = report with { Source = sources[random.Next(sources.Length)], Level = random.Next(4) == 0 ? levels[random.Next(levels.Length)] : null };
            return StatusEstimator.Estimate(report, [], null, now, options).ToBoardStatus();
        });
        return new StatusBoard(statuses, options);
    }

    /// <summary>nearby.lua's request: a point in central Shanghai, five decimals.</summary>
    private static string Query(Random random, int limit) => string.Create(
        CultureInfo.InvariantCulture,
        $"?lat={31.10 + (random.NextDouble() * 0.25):F5}&lng={121.35 + (random.NextDouble() * 0.25):F5}&limit={limit}");

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Value(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
