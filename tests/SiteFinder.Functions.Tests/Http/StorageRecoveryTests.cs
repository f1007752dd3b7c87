using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>
/// Storage going down and coming back under a running instance, on an Azurite of the test's own:
/// no answer may stay broken once storage is back, and no restart may be needed.
/// </summary>
public sealed class StorageRecoveryTests(ITestOutputHelper output)
{
    private const string Csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n" +
        "rc:1,恢复测试采样点一,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,固定,\n" +
        "rc:2,恢复测试采样点二,黄浦区南京东路100号,黄浦区,121.4840,31.2380,WGS-84,24小时,便民,\n";

    private const string Nearby = "sites/nearby?lat=31.2304&lng=121.4737&limit=5";

    /// <summary>What the SDK options allow a failing call (see SiteFinderServiceCollectionExtensions), plus room for 2 busy shared cores.</summary>
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(9.7 + 3);

    private static readonly string First = SiteIds.FromSourceId("rc:1");

    [Fact]
    public async Task An_instance_started_while_storage_is_down_serves_once_storage_is_up_without_a_restart()
    {
        using var storage = new AzuriteProcess();
        var host = new OwnStorageHost(storage);
        await host.InitializeAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var (nearby, nearbyBody) = await host.GetAsync(Nearby);
            var nearbyLatency = watch.Elapsed;
            AssertUnavailable(nearby, nearbyBody, "catalogue-unavailable");

            watch.Restart();
            var (import, importBody) = await host.ImportCsvAsync(Csv);
            var importLatency = watch.Elapsed;
            AssertUnavailable(import, importBody, "storage-unavailable");
            Assert.Equal(StorageErrors.Unreachable, importBody.GetProperty("reason").GetString());
            Assert.InRange(importLatency, TimeSpan.Zero, FailureBound);

            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("health")).Response.StatusCode);
            var (ready, readyBody) = await host.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("not-ready", readyBody.GetProperty("status").GetString());
            Assert.False(readyBody.GetProperty("storage").GetProperty("reached").GetBoolean());
            Assert.Equal(StorageErrors.Unreachable, readyBody.GetProperty("storage").GetProperty("lastError").GetString());
            Assert.False(readyBody.GetProperty("snapshots").GetProperty("catalogue").GetProperty("loaded").GetBoolean());

            // Both timers fail meanwhile (every 2 s): logged, and nothing stops.
            await WaitForAsync(() => Task.FromResult(host.Logs.Entries.Any(e => e.Message.Contains("PublishCatalogueSnapshot failed", StringComparison.Ordinal))), TimeSpan.FromSeconds(10));

            await storage.StartAsync();
            var back = Stopwatch.StartNew();
            var nearbyRecovery = await WaitForAsync(async () => (await host.GetAsync(Nearby)).Response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            var readyRecovery = await WaitForAsync(async () => (await host.GetAsync("health/ready")).Response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

            var (imported, importedBody) = await host.ImportCsvAsync(Csv);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            var importRecovery = back.Elapsed;
            Assert.Equal(2, importedBody.GetProperty("summary").GetProperty("accepted").GetInt32());
            var (_, found) = await host.GetAsync(Nearby);
            Assert.Equal(First, found.GetProperty("items")[0].GetProperty("id").GetString());

            var (issued, token) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{First}/tokens");
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            var (reported, _) = await ReportAsync(host, token.GetProperty("token").GetString()!);
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            var reportRecovery = back.Elapsed;

            // The snapshot timer survived its failures: rows written behind the API's back get published.
            var behind = DemoCatalogue.Generate(DateTimeOffset.UtcNow).Take(3).ToList();
            await new TableSiteStore(new TableServiceClient(storage.ConnectionString), Options.Create(new SiteTablesOptions { Sites = host.SitesTable })).UpsertAsync(behind, CancellationToken.None);
            await WaitForAsync(async () => (await host.GetAsync($"sites/{behind[0].Id}")).Response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20));

            output.WriteLine($"While down: nearby 503 after {nearbyLatency.TotalSeconds:F2} s, import 503 after {importLatency.TotalSeconds:F2} s");
            output.WriteLine($"Storage back -> nearby 200 after {nearbyRecovery.TotalSeconds:F2} s (ready 200 a further {readyRecovery.TotalSeconds:F2} s later), import 200 after {importRecovery.TotalSeconds:F2} s, report 201 after {reportRecovery.TotalSeconds:F2} s");
            Assert.InRange(nearbyRecovery, TimeSpan.Zero, OwnStorageHost.RefreshPeriod);
            Assert.InRange(readyRecovery, TimeSpan.Zero, OwnStorageHost.RefreshPeriod * 2);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_staff_report_during_an_outage_answers_503_and_reports_and_tokens_work_once_storage_is_back()
    {
        using var storage = new AzuriteProcess();
        await storage.StartAsync();
        var host = new OwnStorageHost(storage);
        await host.InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Csv)).Response.StatusCode);
            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));

            storage.Kill();
            var down = Stopwatch.StartNew();

            // The staff and token tables are first touched during the outage, as on an instance's first report.
            var watch = Stopwatch.StartNew();
            var (report, reportBody) = await ReportAsync(host, "0123456789ab.not-a-real-secret");
            var reportLatency = watch.Elapsed;
            AssertUnavailable(report, reportBody, "storage-unavailable");
            Assert.InRange(reportLatency, TimeSpan.Zero, FailureBound);

            watch.Restart();
            var (issue, issueBody) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{First}/tokens");
            var issueLatency = watch.Elapsed;
            AssertUnavailable(issue, issueBody, "storage-unavailable");
            var (list, listBody) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{First}/tokens");
            AssertUnavailable(list, listBody, "storage-unavailable");

            // Answers from memory go on; readiness notices within a few refresh periods.
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(Nearby)).Response.StatusCode);
            await WaitForAsync(async () => (await host.GetAsync("health/ready")).Response.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));

            await Task.Delay(TimeSpan.FromSeconds(10) - down.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            await storage.StartAsync();
            var outage = down.Elapsed;
            var back = Stopwatch.StartNew();

            JsonElement token = default;
            var issueRecovery = await WaitForAsync(
                async () =>
                {
                    var (response, body) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{First}/tokens");
                    token = body;
                    return response.StatusCode == HttpStatusCode.Created;
                },
                TimeSpan.FromSeconds(30));
            var (listed, listedBody) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{First}/tokens");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Contains(listedBody.GetProperty("items").EnumerateArray(), t => t.GetProperty("tokenId").GetString() == token.GetProperty("tokenId").GetString());
            var (reported, _) = await ReportAsync(host, token.GetProperty("token").GetString()!);
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            var reportRecovery = back.Elapsed;
            var readyRecovery = await WaitForAsync(async () => (await host.GetAsync("health/ready")).Response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

            output.WriteLine($"Outage {outage.TotalSeconds:F1} s: report 503 after {reportLatency.TotalSeconds:F2} s, token issue 503 after {issueLatency.TotalSeconds:F2} s");
            output.WriteLine($"Storage back -> token issue 201 after {issueRecovery.TotalSeconds:F2} s, report 201 after {reportRecovery.TotalSeconds:F2} s (ready 200 a further {readyRecovery.TotalSeconds:F2} s later)");
            Assert.InRange(issueRecovery, TimeSpan.Zero, OwnStorageHost.RefreshPeriod);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static Task<(HttpResponseMessage Response, JsonElement Body)> ReportAsync(LocalHostFixture host, string token) =>
        host.SendAsync(HttpMethod.Post, $"sites/{First}/status", new { level = "busy" }, new Dictionary<string, string> { ["x-staff-token"] = token });

    private static void AssertUnavailable(HttpResponseMessage response, JsonElement body, string problem)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/" + problem, body.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Polls until the condition holds; returns how long that took.</summary>
    private static async Task<TimeSpan> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Still not so after {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }

        return watch.Elapsed;
    }
}
