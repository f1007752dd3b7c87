using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Host;

/// <summary>A local host whose snapshot timer fires every second.</summary>
public sealed class FastTimerFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["CATALOGUE_SNAPSHOT_SCHEDULE"] = "*/1 * * * * *",
    };
}

public sealed class TimerTriggerTests(FastTimerFixture host) : IClassFixture<FastTimerFixture>
{
    [Fact]
    public async Task The_snapshot_timer_runs_on_its_schedule_and_publishes_rows_written_behind_the_apis_back()
    {
        // Write rows straight into the table, as a half-finished import would leave them: no snapshot is published.
        var store = new TableSiteStore(Azurite.Service, Options.Create(new SiteTablesOptions { Sites = host.SitesTable }));
        var sites = DemoCatalogue.Generate(DateTimeOffset.UtcNow).Take(25).ToList();
        await store.UpsertAsync(sites, CancellationToken.None);

        // Only the timer can make them visible: it publishes, and the refresh loop (1 s) loads the snapshot.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var seen = 0;
        while (DateTime.UtcNow < deadline && seen != 25)
        {
            await Task.Delay(250);
            var (_, body) = await host.GetAsync("districts");
            seen = body.GetProperty("items").EnumerateArray().Sum(d => d.GetProperty("sites").GetInt32());
        }

        Assert.Equal(25, seen);
        var (_, site) = await host.GetAsync($"sites/{sites[3].Id}");
        Assert.Equal(sites[3].Name, site.GetProperty("name").GetString());
    }
}
