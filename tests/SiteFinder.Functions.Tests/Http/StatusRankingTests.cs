using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

public sealed class RankingFixture : StatusFixture;

/// <summary>Not busy, sort by time and district roll-ups read the status.</summary>
public sealed class StatusRankingTests(RankingFixture host) : IClassFixture<RankingFixture>
{
    [Fact]
    public async Task Not_busy_sort_by_time_and_district_roll_ups_use_the_status()
    {
        host.Clock.Set(StatusFixture.Start.AddHours(3));
        var tokenA = await host.TokenForAsync(StatusFixture.A);
        var tokenB = await host.TokenForAsync(StatusFixture.B);
        await host.ReportAsync(StatusFixture.A, tokenA, new { queueLength = 200, openWindows = 2 });
        await host.ReportAsync(StatusFixture.B, tokenB, new { queueLength = 2, openWindows = 2 });
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await host.AggregateAsync();

        const string at = "sites/nearby?lat=31.2304&lng=121.4737&limit=2";
        var (_, byDistance) = await host.GetAsync(at);
        Assert.Equal(StatusFixture.A, byDistance.GetProperty("items")[0].GetProperty("id").GetString());

        var (_, notBusy) = await host.GetAsync(at + "&notBusy=true");
        Assert.DoesNotContain(StatusFixture.A, notBusy.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var (_, byTime) = await host.GetAsync(at + "&sort=time");
        var first = byTime.GetProperty("items")[0];
        Assert.Equal(StatusFixture.B, first.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("walkMinutes").GetInt32() + 1, first.GetProperty("totalMinutes").GetInt32());

        var (_, districts) = await host.GetAsync("districts");
        var huangpu = districts.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("district").GetString() == "黄浦区");
        Assert.Equal(1, huangpu.GetProperty("levels").GetProperty("congested").GetInt32());
        Assert.Equal(1, huangpu.GetProperty("levels").GetProperty("idle").GetInt32());
        // The median of the waits as shown, whole minutes (50 and 1: half a minute shows as 1).
        Assert.Equal(25.5, huangpu.GetProperty("medianWaitMinutes").GetDouble(), 0.01);

        var bad = await host.GetAsync(at + "&sort=fastest");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
        Assert.True(bad.Body.GetProperty("errors").TryGetProperty("sort", out JsonElement _));
    }
}
