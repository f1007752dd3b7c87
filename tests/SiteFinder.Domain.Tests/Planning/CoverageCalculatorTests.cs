using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Planning;
using SiteFinder.Domain.Sites;
using SiteFinder.Tests;
using static SiteFinder.Domain.Tests.Planning.SmallCity;

namespace SiteFinder.Domain.Tests.Planning;

public class CoverageCalculatorTests
{
    [Fact]
    public void A_walk_is_great_circle_metres_times_1_3_over_80_metres_a_minute()
    {
        Assert.Equal(13, WalkingTime.Minutes(800), 9);
        Assert.Equal(923.08, WalkingTime.ReachMeters(15), 2);
    }

    [Fact]
    public void In_a_small_city_only_open_public_sites_cover_and_the_figures_add_up()
    {
        var sites = new[]
        {
            Site("a", At(0, 0)), // 24 h, public
            Site("b", At(5_000, 0), hours: "周一至周日 9:00-17:00"), // closed in the evening
            Site("c", At(10_000, 0), audience: new Audience(AudienceKind.Groups, ["supply-chain"], "供应链")), // reserved: covers nobody
            Site("d", At(15_000, 0), state: SiteState.Planned),
        };
        var places = new[]
        {
            Place("near a", At(500, 0), weight: 10), // 500 m: 8.1 min
            Place("far from a", At(0, 1_000), weight: 5, district: "静安区"), // 1 km: 16.25 min
            Place("near b", At(5_300, 0), weight: 3), // 300 m from b, 5.3 km from a
            Place("near c", At(10_000, 100), weight: 2), // only the reserved site is near
            Place("near d", At(15_000, 100), weight: 1),
        };
        var area = new PlanningArea(places, []);

        var morning = CoverageCalculator.Compute(area, sites, Morning, 15);
        Assert.Equal(["a", "b"], morning.Sites.Sites.Select(s => s.SourceId));
        Assert.Equal([true, false, true, false, false], morning.Places.Select(p => p.Covered));
        Assert.Equal(["静安区", "黄浦区"], morning.Districts.Select(d => d.District));
        var city = morning.City;
        Assert.Equal((5, 21.0, 2, 0.4, 13.0, 0.619), (city.Places, city.Weight, city.Covered, city.CoveredShare, city.CoveredWeight, Math.Round(city.CoveredWeightShare, 3)));
        Assert.Equal(Math.Round(WalkingTime.Minutes(1_000), 1), city.MedianMinutes!.Value, 1);
        Assert.Equal(0, city.NoOpenSite);
        Assert.Equal((1, 0, 0.0), (morning.District("静安区")!.Places, morning.District("静安区")!.Covered, morning.District("静安区")!.CoveredWeightShare));

        // At 21:00 b is closed: the place beside it walks to a, 5.3 km away.
        var evening = CoverageCalculator.Compute(area, sites, Evening, 15);
        Assert.Equal([true, false, false, false, false], evening.Places.Select(p => p.Covered));
        Assert.Equal(86.1, Math.Round(evening.Places[2].Minutes, 1));

        // A longer limit covers the far place too.
        Assert.True(CoverageCalculator.Compute(area, sites, Morning, 20).Places[1].Covered);
    }

    [Fact]
    public void Without_any_open_site_every_walk_is_infinite_and_the_percentiles_are_null()
    {
        var area = new PlanningArea([Place("p", At(0, 0))], []);
        var result = CoverageCalculator.Compute(area, [Site("x", At(0, 0), state: SiteState.Closed)], Morning, 15);
        Assert.Equal((-1, false), (result.Places[0].Site, result.Places[0].Covered));
        Assert.Equal((1, (double?)null, (double?)null), (result.City.NoOpenSite, result.City.MedianMinutes, result.City.P90Minutes));
    }

    [Fact]
    public void Percentiles_take_the_nearest_rank_and_are_null_when_they_fall_among_infinite_walks()
    {
        double[] walks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, CoverageCalculator.Percentile(walks, 0.5));
        Assert.Equal(9, CoverageCalculator.Percentile(walks, 0.9));
        Assert.Equal(1, CoverageCalculator.Percentile([1], 0.9));
        Assert.Null(CoverageCalculator.Percentile([], 0.5));
        Assert.Equal(2, CoverageCalculator.Percentile([1, 2, double.PositiveInfinity], 0.5));
        Assert.Null(CoverageCalculator.Percentile([1, 2, double.PositiveInfinity], 0.9));
    }

    [Fact]
    public void A_suspension_that_ends_before_the_instant_covers_again()
    {
        var area = new PlanningArea([Place("p", At(100, 0))], []);
        var suspended = Site("s", At(0, 0), state: SiteState.Suspended) with { SuspendedUntil = Morning.AddHours(-1) };
        Assert.True(CoverageCalculator.Compute(area, [suspended], Morning, 15).Places[0].Covered);
        Assert.False(CoverageCalculator.Compute(area, [suspended with { SuspendedUntil = Morning.AddHours(1) }], Morning, 15).Places[0].Covered);
    }

    [Fact]
    public void Coverage_equals_a_brute_force_scan_on_random_places_and_the_demo_catalogue()
    {
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch);
        var random = new Random(13);
        var places = Enumerable.Range(0, 2_000)
            .Select(i => Place($"p{i}", new GeoPoint(30.7 + (random.NextDouble() * 1.1), 121.0 + (random.NextDouble() * 1.1)), weight: random.Next(1, 5)))
            .ToList();
        var area = new PlanningArea(places, []);
        foreach (var (at, minutes) in new[] { (Morning, 15), (Evening, 15), (Morning.AddHours(-7), 30) })
        {
            var result = CoverageCalculator.Compute(area, sites, at, minutes);
            var open = sites.Where(s => s.StateAt(at) == SiteState.Open && s.Audience.Kind == AudienceKind.Public && s.Hours.IsOpenAt(at) == true).ToList();
            Assert.NotEmpty(open);
            for (var i = 0; i < places.Count; i++)
            {
                var nearest = open.Min(s => Haversine.Meters(places[i].Location, s.Location));
                Assert.Equal(nearest, result.Places[i].Meters, 1e-3);
                Assert.Equal(nearest * 1.3 / 80 <= minutes, result.Places[i].Covered);
            }

            Assert.Equal(result.Places.Count(p => p.Covered), result.City.Covered);
            Assert.Equal(result.Districts.Sum(d => d.Places), result.City.Places);
        }
    }
}
