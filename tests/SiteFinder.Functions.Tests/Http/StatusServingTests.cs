using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

public sealed class StalenessFixture : StatusFixture;

/// <summary>How a status ages: live, no recent data after the TTL, closed outside the hours.</summary>
public sealed class StatusServingTests(StalenessFixture host) : IClassFixture<StalenessFixture>
{
    [Fact]
    public async Task Status_shows_in_answers_goes_stale_after_the_ttl_and_closes_with_the_hours()
    {
        host.Clock.Set(StatusFixture.Start.AddHours(-1).AddMinutes(10));
        var token = await host.TokenForAsync(StatusFixture.C);
        await host.ReportAsync(StatusFixture.C, token, new { queueLength = 12, openWindows = 1 });
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await host.AggregateAsync();

        var (_, nearby) = await host.GetAsync("sites/nearby?lat=31.2320&lng=121.4760&limit=3");
        var c = nearby.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == StatusFixture.C).GetProperty("status");
        Assert.Equal("normal", c.GetProperty("level").GetString());
        Assert.Equal(6, c.GetProperty("waitMinutes").GetInt32());
        Assert.True(c.TryGetProperty("confirmedAt", out _));
        Assert.True(c.TryGetProperty("changedAt", out _));

        // 31 minutes later with no new report: no recent data, the last report time still shown.
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var (_, stale) = await host.GetAsync($"sites/{StatusFixture.C}");
        Assert.Equal("noData", stale.GetProperty("status").GetProperty("level").GetString());
        Assert.False(stale.GetProperty("status").TryGetProperty("waitMinutes", out _));
        Assert.True(stale.GetProperty("status").TryGetProperty("updatedAt", out _));

        var (_, staleList) = await host.AdminAsync(HttpMethod.Get, "manage/stale?district=" + Uri.EscapeDataString("黄浦区"));
        var staleItem = staleList.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == StatusFixture.C);
        Assert.InRange(staleItem.GetProperty("minutesSinceReport").GetInt32(), 31, 32);

        // Site c closes at 11:00 local.
        host.Clock.Set(StatusFixture.Start.AddHours(1).AddMinutes(30));
        var (_, closed) = await host.GetAsync($"sites/{StatusFixture.C}");
        Assert.Equal("closed", closed.GetProperty("status").GetProperty("level").GetString());
    }
}

public sealed class VisibilityFixture : StatusFixture;

/// <summary>Statuses reach instances that did not aggregate them through the polling loop alone.</summary>
public sealed class StatusVisibilityTests(VisibilityFixture host) : IClassFixture<VisibilityFixture>
{
    [Fact]
    public async Task An_aggregate_published_by_another_instance_is_served_within_a_minute()
    {
        // Another instance's aggregator: the app's services over the same tables, but a provider of
        // its own to hand its board to, so this host's provider learns of it only by polling.
        host.Clock.Set(StatusFixture.Start.AddHours(2));
        var token = await host.TokenForAsync(StatusFixture.B);
        await host.ReportAsync(StatusFixture.B, token, new { queueLength = 130, openWindows = 1 });
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var services = host.App.Services;
        var elsewhere = ActivatorUtilities.CreateInstance<StatusAggregator>(services, ActivatorUtilities.CreateInstance<StatusProvider>(services));
        Assert.True((await elsewhere.RunAsync(CancellationToken.None)).Ran);

        var published = System.Diagnostics.Stopwatch.StartNew();
        string? level = null;
        while (published.Elapsed < TimeSpan.FromSeconds(60) && level != "congested")
        {
            await Task.Delay(200);
            var (_, site) = await host.GetAsync($"sites/{StatusFixture.B}");
            level = site.GetProperty("status").GetProperty("level").GetString();
        }

        Assert.Equal("congested", level);
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(60), $"took {published.Elapsed}");
    }
}
