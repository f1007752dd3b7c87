using System.Collections.Concurrent;
using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// Storage SIGKILLed during a burst of 500 staff reports with client report ids, on an Azurite of
/// this class's own. While it is down, reads go on from the last snapshot and say how old it is,
/// writes answer 503 with Retry-After, liveness stays up and readiness says why it is not ready.
/// Once it is back, every device sends again what was not acknowledged, with the same ids, and each
/// report is stored and counted exactly once.
/// </summary>
public sealed class ReportBurstKillTests(ITestOutputHelper output)
{
    private const int Sites = 100;
    private const int ReportsPerSite = 5;
    private const int KillAfterAnswers = 250;
    private static readonly string[] Levels = ["idle", "normal", "busy"];

    [Fact]
    public async Task Reports_resent_with_their_ids_after_a_kill_are_each_stored_and_aggregated_exactly_once()
    {
        using var storage = new AzuriteProcess();
        await storage.StartAsync();
        var host = new FaultHost(storage);
        await host.InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(GeneratedList.Csv("rb", Sites))).Response.StatusCode);
            var tokens = new string[Sites];
            for (var i = 0; i < Sites; i++)
            {
                var (issued, token) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{GeneratedList.Id("rb", i)}/tokens");
                Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
                tokens[i] = token.GetProperty("token").GetString()!;
            }

            // The sites and tokens reach Azurite's disk before the kill (it saves every 5 s).
            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));

            var burst = Enumerable.Range(0, Sites).SelectMany(site => Enumerable.Range(0, ReportsPerSite).Select(k => (Site: site, Id: $"tap-{k}"))).ToList();
            var first = new ConcurrentDictionary<(int, string), (HttpStatusCode Status, string? ReportId)>();
            var answered = 0;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Parallel.ForEachAsync(burst, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (report, _) =>
            {
                if (Volatile.Read(ref answered) >= KillAfterAnswers)
                    await killed.Task;
                var (response, body) = await ReportAsync(host, tokens, report.Site, report.Id);
                first[report] = (response.StatusCode, response.IsSuccessStatusCode ? body.GetProperty("reportId").GetString() : null);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    Assert.NotNull(response.Headers.RetryAfter?.Delta);
                if (Interlocked.Increment(ref answered) != KillAfterAnswers)
                    return;

                // Azurite saves every 5 s and a SIGKILL loses what it had not saved, answered or not;
                // Table Storage keeps every answered write. So the answered reports are saved first.
                await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));
                storage.Kill();
                killed.SetResult();
            });
            var acknowledged = first.Count(a => a.Value.Status == HttpStatusCode.Created);
            Assert.InRange(acknowledged, KillAfterAnswers, burst.Count - 1);
            Assert.All(first.Values, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"answered {a.Status}"));

            await StorageDownAnswersAsync(host, tokens[0]);

            await storage.StartAsync();

            // Each device resends what was not acknowledged, with the same id and body, waiting out a
            // 503 (as Retry-After says) while the instance reconnects.
            var unanswered = burst.Where(r => first[r].Status != HttpStatusCode.Created).ToList();
            var resent = new ConcurrentDictionary<(int, string), (HttpStatusCode Status, string? ReportId, bool Duplicate)>();
            await Parallel.ForEachAsync(unanswered, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (report, _) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    var (response, body) = await ReportAsync(host, tokens, report.Site, report.Id);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        continue;
                    }

                    resent[report] = (response.StatusCode, body.GetProperty("reportId").GetString(), body.GetProperty("duplicate").GetBoolean());
                    return;
                }
            });
            Assert.All(resent.Values, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"resent: {a.Status}"));

            // A tap that is sent again after all (the resident's phone was not sure) is a duplicate with its first id.
            var (retap, retapBody) = await ReportAsync(host, tokens, burst[0].Site, burst[0].Id);
            Assert.Equal(HttpStatusCode.OK, retap.StatusCode);
            Assert.True(retapBody.GetProperty("duplicate").GetBoolean());
            Assert.Equal(first[burst[0]].ReportId, retapBody.GetProperty("reportId").GetString());

            var rows = new List<TableEntity>();
            await foreach (var row in host.Table(nameof(SiteTablesOptions.StatusReports)).QueryAsync<TableEntity>("PartitionKey ge 'm' and PartitionKey lt 'n'"))
                rows.Add(row);
            Assert.Equal(burst.Count, rows.Count);
            Assert.Equal(burst.Count, rows.Select(r => (r.GetString("SiteId"), r.GetString("ClientReportId"))).Distinct().Count());

            // The aggregation counts each report once and shows each site as its staff said.
            var run = await host.App.Services.GetRequiredService<StatusAggregator>().RunAsync(CancellationToken.None);
            Assert.True(run.Ran);
            Assert.Equal(burst.Count, run.Reports);
            for (var i = 0; i < Sites; i += 7)
            {
                var (_, site) = await host.GetAsync($"sites/{GeneratedList.Id("rb", i)}");
                Assert.Equal(Levels[i % Levels.Length], site.GetProperty("status").GetProperty("level").GetString());
            }

            output.WriteLine($"{acknowledged} of {burst.Count} reports answered 201 before the kill; {unanswered.Count} resent ({resent.Count(r => r.Value.Duplicate)} found stored already); {rows.Count} stored, aggregation read {run.Reports}.");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>What the instance answers while its storage is down.</summary>
    private static async Task StorageDownAnswersAsync(FaultHost host, string token)
    {
        // Reads: the last snapshot, and how many seconds ago this instance last confirmed it.
        var (nearby, body) = await host.GetAsync("sites/nearby?lat=31.2&lng=121.45&limit=3");
        Assert.Equal(HttpStatusCode.OK, nearby.StatusCode);
        Assert.Equal(3, body.GetProperty("items").GetArrayLength());
        Assert.True(long.TryParse(nearby.Headers.GetValues(ServingLanes.CatalogueAgeHeader).Single(), out var age) && age >= 0);

        // A write: 503 with Retry-After, naming the failure.
        var (report, problem) = await ReportAsync(host, [token], 0, "during-outage");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Equal("/api/problems/storage-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), report.Headers.RetryAfter?.Delta);

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("health")).Response.StatusCode);

        // Readiness turns within 3 refresh periods (1 s here) and says what is wrong.
        var (ready, readiness) = await host.GetAsync("health/ready");
        for (var waited = 0; ready.StatusCode != HttpStatusCode.ServiceUnavailable && waited < 100; waited++)
        {
            await Task.Delay(100);
            (ready, readiness) = await host.GetAsync("health/ready");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.False(readiness.GetProperty("storage").GetProperty("reached").GetBoolean());
        Assert.Equal(StorageErrors.Unreachable, readiness.GetProperty("storage").GetProperty("lastError").GetString());
        Assert.True(readiness.GetProperty("snapshots").GetProperty("catalogue").GetProperty("loaded").GetBoolean());

        // The age grows while storage stays down: it is the time since storage last answered, not since the request.
        var (later, _) = await host.GetAsync("sites/nearby?lat=31.2&lng=121.45&limit=3");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.True(long.Parse(later.Headers.GetValues(ServingLanes.CatalogueAgeHeader).Single(), System.Globalization.CultureInfo.InvariantCulture) >= 3);
    }

    private static Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> ReportAsync(FaultHost host, string[] tokens, int site, string clientReportId) =>
        host.SendAsync(
            HttpMethod.Post,
            $"sites/{GeneratedList.Id("rb", site)}/status",
            new { level = Levels[site % Levels.Length], clientReportId },
            new Dictionary<string, string> { ["x-staff-token"] = tokens[site] });
}
