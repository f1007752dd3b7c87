using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Demo;

/// <summary>
/// The app as a newcomer starts it, SEED_DEMO_DATA=true, with the feeder waking every second and half
/// of the open demo sites fed. The demo sites are a small list in the demo catalogue's form (its source
/// ids) imported by the test instead of the 9,000 the seeder loads, which on a loaded machine takes
/// longer than a test should wait; the seeder itself is tested with search.
/// </summary>
public sealed class DemoFeedFixture : LocalHostFixture
{
    public const int Percent = 50;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["SEED_DEMO_DATA"] = "true",
        ["DEMO_FEED_SECONDS"] = "1",
        ["DEMO_FEED_PERCENT"] = Percent.ToString(CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        foreach (var seeder in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DemoSeeder)).ToList())
            services.Remove(seeder);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await ImportCsvAsync(DemoHost.SitesCsv)).Response.EnsureSuccessStatusCode();
    }
}

/// <summary>The same feeder settings with SEED_DEMO_DATA false (as in Azure), and the same demo sites: nothing may feed them.</summary>
public sealed class NoDemoFeedFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["DEMO_FEED_SECONDS"] = "1",
        ["DEMO_FEED_PERCENT"] = "100",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await ImportCsvAsync(DemoHost.SitesCsv)).Response.EnsureSuccessStatusCode();
    }
}

internal static class DemoHost
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Twenty open round-the-clock demo sites in each of three districts, and a planned one per district.</summary>
    public static string SitesCsv
    {
        get
        {
            var csv = new StringBuilder("source_id,name,address,district,lng,lat,coord_system,hours,type,notes,state\n");
            foreach (var (district, adcode, lat, lng) in new[] { ("黄浦区", "310101", 31.2304, 121.4737), ("徐汇区", "310104", 31.1886, 121.4365), ("静安区", "310106", 31.2290, 121.4480) })
            {
                for (var n = 1; n <= 21; n++)
                {
                    csv.Append(CultureInfo.InvariantCulture,
                        $"demo:{adcode}:{n:D4},{district}便民采样点{n:D4}（演示）,上海市{district}演示路{n}号,{district},{lng + (n * 0.002):F4},{lat + (n % 5 * 0.002):F4},WGS-84,24小时,便民,demo,{(n == 21 ? "planned" : "open")}\n");
                }
            }

            return csv.ToString();
        }
    }

    /// <summary>The served catalogue once the import is in it (the instance refreshes every second; a loaded storage may take longer).</summary>
    public static async Task<IReadOnlyList<Site>> SitesAsync(LocalHostFixture host)
    {
        var provider = host.App.Services.GetRequiredService<CatalogueProvider>();
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (provider.Current.Catalogue.Sites.Count < 63 && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        return provider.Current.Catalogue.Sites;
    }

    /// <summary>Reports stored in the last few minutes, as the aggregation reads them; read again while a loaded storage times out.</summary>
    public static async Task<IReadOnlyList<Domain.Status.StatusReport>> RecentReportsAsync(LocalHostFixture host)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
            try
            {
                return await host.App.Services.GetRequiredService<IStatusInputStore>().ReadReportsAsync(minute.AddMinutes(-10), minute, CancellationToken.None);
            }
            catch (AggregateException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Nearby answers around each fed site of a few districts: the items with their statuses.</summary>
    public static async Task<List<JsonElement>> NearbyAroundAsync(LocalHostFixture host, IEnumerable<Site> sites)
    {
        var items = new List<JsonElement>();
        foreach (var site in sites)
        {
            var (response, body) = await host.GetAsync(string.Create(CultureInfo.InvariantCulture, $"sites/nearby?lat={site.Location.Lat}&lng={site.Location.Lng}&limit=50&radius=3000"));
            response.EnsureSuccessStatusCode();
            items.AddRange(body.GetProperty("items").EnumerateArray());
        }

        return items;
    }
}

public sealed class DemoFeederTests(DemoFeedFixture host) : IClassFixture<DemoFeedFixture>
{
    private static string? SourceOf(JsonElement item) =>
        item.GetProperty("status").TryGetProperty("source", out var source) ? source.GetString() : null;

    [Fact]
    public async Task A_fresh_start_shows_levels_from_demo_reports_and_leaves_silent_sites_stale()
    {
        var fed = DemoFeed.Choose(await DemoHost.SitesAsync(host), DemoFeedFixture.Percent, DemoCatalogue.Seed);
        Assert.Equal(30, fed.Count);
        var fedIds = fed.Select(s => s.Id).ToHashSet();

        // The feeder waits for the demo sites, then reports a fifth of the fed ones each minute.
        var deadline = DateTimeOffset.UtcNow + DemoHost.Patience;
        IReadOnlyList<Domain.Status.StatusReport> all = [];
        while (DateTimeOffset.UtcNow < deadline && all.Count(r => fedIds.Contains(r.SiteId)) < 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            all = await DemoHost.RecentReportsAsync(host);
        }

        // (The other test of the class sends a staff report to a site the feeder leaves alone.)
        var reports = all.Where(r => fedIds.Contains(r.SiteId)).ToList();
        Assert.True(reports.Count >= 5, $"{reports.Count} reports within {DemoHost.Patience}");
        Assert.All(reports, r =>
        {
            Assert.Equal("demo", r.Source);
            Assert.NotNull(r.QueueLength);
        });
        Assert.All(all.Where(r => r.Source == "demo"), r => Assert.Contains(r.SiteId, fedIds));

        // The aggregation runs once a minute; a run already claimed this minute waits for the next.
        var aggregator = host.App.Services.GetRequiredService<StatusAggregator>();
        while (!(await aggregator.RunAsync(CancellationToken.None)).Ran)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline + TimeSpan.FromMinutes(1), "the aggregation never ran");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        var reported = reports.Select(r => r.SiteId).ToHashSet();
        var items = await DemoHost.NearbyAroundAsync(host, fed.Where(s => reported.Contains(s.Id)).Take(3));
        var levels = items.Select(i => (Id: i.GetProperty("id").GetString()!, Level: i.GetProperty("status").GetProperty("level").GetString(), Source: SourceOf(i))).ToList();

        Assert.Contains(levels, l => l.Level is "idle" or "normal" or "busy" or "congested" && l.Source == "demo");
        Assert.All(levels.Where(l => fedIds.Contains(l.Id) && l.Source is not null), l => Assert.Equal("demo", l.Source));
        Assert.All(levels.Where(l => l.Source == "demo"), l => Assert.Contains(l.Id, fedIds));

        // Open demo sites the feeder leaves alone have no data, and the stale list names them.
        Assert.Contains(levels, l => l.Level == "noData" && !fedIds.Contains(l.Id));
        var (response, stale) = await host.AdminAsync(HttpMethod.Get, "manage/stale");
        response.EnsureSuccessStatusCode();
        var staleIds = stale.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(staleIds);
        Assert.Contains(staleIds, id => !fedIds.Contains(id));

        // Each report came with a token the feeder was issued as demo, listed as such.
        var site = reports[0].SiteId;
        var (listed, tokens) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}/tokens");
        listed.EnsureSuccessStatusCode();
        var live = tokens.GetProperty("items").EnumerateArray().Where(t => !t.TryGetProperty("revokedAt", out _)).ToList();
        Assert.Equal("demo", Assert.Single(live).GetProperty("source").GetString());
        Assert.Equal(Assert.Single(live).GetProperty("tokenId").GetString(), reports.First(r => r.SiteId == site).Reporter);
    }

    [Fact]
    public async Task A_staff_report_on_a_demo_site_is_still_staffs()
    {
        var sites = await DemoHost.SitesAsync(host);
        var fed = DemoFeed.Choose(sites, DemoFeedFixture.Percent, DemoCatalogue.Seed).Select(s => s.Id).ToHashSet();
        var site = sites.First(s => DemoFeed.IsOpenDemoSite(s) && !fed.Contains(s.Id));
        var (issued, body) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{site.Id}/tokens");
        issued.EnsureSuccessStatusCode();
        var token = body.GetProperty("token").GetString()!;
        var (response, _) = await host.SendAsync(HttpMethod.Post, $"sites/{site.Id}/status", new { level = "busy", clientReportId = "staff-1" }, new Dictionary<string, string> { ["x-staff-token"] = token });
        response.EnsureSuccessStatusCode();

        var mine = (await DemoHost.RecentReportsAsync(host)).Where(r => r.SiteId == site.Id && r.Reporter == body.GetProperty("tokenId").GetString()).ToList();
        Assert.Equal("staff", Assert.Single(mine).Source);
    }
}

public sealed class NoDemoFeedTests(NoDemoFeedFixture host) : IClassFixture<NoDemoFeedFixture>
{
    [Fact]
    public async Task Without_SEED_DEMO_DATA_nothing_is_fed_even_with_the_demo_catalogue_loaded()
    {
        var sites = await DemoHost.SitesAsync(host);
        Assert.Equal(60, sites.Count(DemoFeed.IsOpenDemoSite));

        // The feeder is running as a hosted service of this host, and with the setting off it has already returned:
        // nothing it could feed later, so what is stored now is all there will be.
        var feeder = Assert.Single(host.App.Services.GetServices<IHostedService>().OfType<SiteFinder.Functions.Demo.DemoFeeder>());
        Assert.NotNull(feeder.ExecuteTask);
        await feeder.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(feeder.ExecuteTask.IsCompletedSuccessfully);

        Assert.Empty(await DemoHost.RecentReportsAsync(host));
        var tokens = Azurite.Service.GetTableClient(host.Tables[nameof(SiteTablesOptions.StaffTokens)]);
        var issued = 0;
        try
        {
            await foreach (var _ in tokens.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1))
                issued++;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No token was ever issued: the table was never created.
        }

        Assert.Equal(0, issued);
        var items = await DemoHost.NearbyAroundAsync(host, sites.Where(DemoFeed.IsOpenDemoSite).Take(3));
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.False(i.GetProperty("status").TryGetProperty("source", out _)));
    }
}
