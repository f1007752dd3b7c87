using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Status;

public sealed class AggregationFixture : StatusFixture;

/// <summary>Aggregation runs on Azurite with the clock under the test's control (own tables: runs must move forward in time).</summary>
public sealed class AggregationRunTests(AggregationFixture host) : IClassFixture<AggregationFixture>
{
    [Fact]
    public async Task Aggregation_repeated_overlapping_and_late_runs_change_nothing_twice()
    {
        host.Clock.Set(StatusFixture.Start.AddHours(1));
        var token = await host.TokenForAsync(StatusFixture.D);
        await host.ReportAsync(StatusFixture.D, token, new { queueLength = 30, openWindows = 3 });
        host.Clock.Advance(TimeSpan.FromSeconds(20));

        var first = await host.AggregateAsync();
        Assert.True(first.Ran);
        Assert.Equal(first.Version, host.Statuses.Health.Version);
        var repeated = await host.AggregateAsync();
        Assert.False(repeated.Ran);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var overlapping = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Aggregator.RunAsync(CancellationToken.None)));
        Assert.Single(overlapping, r => r.Ran);

        // Late: the timer missed six minutes; a report came in during them; the next run picks it up.
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await host.ReportAsync(StatusFixture.D, token, new { queueLength = 150, openWindows = 3 });
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var late = await host.AggregateAsync();
        Assert.True(late.Ran);

        var (_, site) = await host.GetAsync($"sites/{StatusFixture.D}");
        var status = site.GetProperty("status");
        Assert.Equal("busy", status.GetProperty("level").GetString());
        Assert.Equal(25, status.GetProperty("waitMinutes").GetInt32());
        Assert.Equal("staff", status.GetProperty("source").GetString());
        Assert.Equal(StatusFixture.Start.AddHours(1).AddMinutes(4).AddSeconds(20), status.GetProperty("updatedAt").GetDateTimeOffset());

        // Three runs did work (first, one of the overlapping, late): the hour's tally counts three minutes, not six.
        var history = host.App.Services.GetRequiredService<IStatusHistoryStore>();
        var tallies = await history.ReadHoursAsync(StatusFixture.D, new DateOnly(2022, 4, 28), new DateOnly(2022, 4, 28), CancellationToken.None);
        var tally = Assert.Single(tallies);
        Assert.Equal(11, tally.Hour);
        Assert.Equal(3, tally.Minutes);
        Assert.Equal(1, tally.BusyMinutes);

        var (_, busyness) = await host.GetAsync($"sites/{StatusFixture.D}/busyness");
        var hour = Assert.Single(busyness.GetProperty("items").EnumerateArray());
        Assert.Equal(11, hour.GetProperty("hour").GetInt32());
        Assert.Equal(1, hour.GetProperty("days").GetInt32());
    }
}
