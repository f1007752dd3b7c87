using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Tests;

namespace SiteFinder.Domain.Tests.Sites;

public class CatalogueTests
{
    private static readonly Catalogue Demo = new(DemoCatalogue.Generate(DateTimeOffset.UnixEpoch));

    // Thursday 2022-04-28 10:00 in Shanghai.
    private static readonly DateTimeOffset Morning = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Over the demo city, and over it with every state and suspension (the filters read a copy of each site's state,
    /// suspension end, type, audience kind and hours, the catalogue's per-site facts): the answers are a brute-force
    /// scan's, and each hit's index is its position in the catalogue.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nearby_with_filters_equals_a_brute_force_scan(bool everyState)
    {
        var random = new Random(5);
        var catalogue = everyState ? WithEveryState(Demo, random) : Demo;
        for (var i = 0; i < 200; i++)
        {
            var origin = new GeoPoint(30.8 + (random.NextDouble() * 0.8), 121.0 + (random.NextDouble() * 0.9));
            var query = new NearbyQuery(origin, random.Next(1, 51), random.Next(500, 50_000))
            {
                OpenNow = random.Next(2) == 0,
                Type = random.Next(3) == 0 ? SiteType.Convenience : null,
                Audience = random.Next(5) switch { 0 => "supply-chain", 1 => Audience.AnyName, 2 => Audience.ResidentsName, _ => null },
            };

            var expected = catalogue.Sites
                .Where(s => s.StateAt(Morning) == SiteState.Open && (!query.OpenNow || s.IsOpenAt(Morning) == true))
                .Where(s => query.Type is null || s.Type == query.Type)
                .Where(s => AdmitsByHand(s.Audience, query.Audience))
                .Select(s => (Site: s, D: Haversine.Meters(origin, s.Location)))
                .Where(x => x.D <= query.RadiusMeters)
                .OrderBy(x => x.D).ThenBy(x => x.Site.Id, StringComparer.Ordinal)
                .Take(query.Limit)
                .ToList();
            var actual = catalogue.Nearby(query, Morning);

            Assert.Equal(expected.Select(x => x.Site.Id), actual.Select(h => h.Site.Id));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.D, pair.Second.DistanceMeters, 1e-6));
            Assert.All(actual, h => Assert.Same(catalogue.Sites[h.Index], h.Site));
        }
    }

    /// <summary>A sixth each suspended until before, suspended until after, suspended without an end, closed; the rest as they were.</summary>
    private static Catalogue WithEveryState(Catalogue catalogue, Random random)
    {
        var varied = new Catalogue(catalogue.Sites.Select(s => random.Next(6) switch
        {
            0 => s with { State = SiteState.Suspended, SuspendedUntil = Morning.AddMinutes(-random.Next(0, 600)) },
            1 => s with { State = SiteState.Suspended, SuspendedUntil = Morning.AddMinutes(random.Next(1, 600)) },
            2 => s with { State = SiteState.Suspended, SuspendedUntil = null },
            3 => s with { State = SiteState.Closed },
            _ => s,
        }));
        Assert.Contains(varied.Sites, s => s.State == SiteState.Suspended && s.StateAt(Morning) == SiteState.Open);
        return varied;
    }

    [Fact]
    public void At_an_equal_distance_a_sites_own_point_ranks_before_an_approximate_one()
    {
        var point = Demo.Sites[0].Location;
        var open = Demo.Sites.Where(s => s.State == SiteState.Open).Take(4).ToList();

        // Same point; the approximate ones have the lower ids, so id order alone would put them first.
        var sites = open.Select((s, i) => s with { Id = $"{i:x16}", Location = point, LocationApproximate = i < 3 }).ToList();
        var catalogue = new Catalogue(sites);
        foreach (var hits in new[] { catalogue.Nearby(new NearbyQuery(point, 4, 1_000), Morning), catalogue.NearbyByTime(new NearbyQuery(point, 4, 1_000), Morning, StatusBoard.Empty(new StatusOptions())) })
            Assert.Equal([false, true, true, true], hits.Select(h => h.Site.LocationApproximate));
    }

    [Fact]
    public void Search_pages_through_every_match_once_in_the_order_of_one_search()
    {
        var seen = new List<string>();
        int? offset = 0;
        do
        {
            var page = Demo.Search(new SearchQuery(7) { Keyword = "便民", District = "黄浦区", Offset = offset!.Value });
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items.Select(s => s.Id));
            offset = page.NextOffset;
        }
        while (offset is not null);

        var expected = Demo.Sites.Where(s => s.District == "黄浦区" && s.Name.Contains("便民", StringComparison.Ordinal)).Select(s => s.Id).ToList();
        Assert.True(expected.Count > 7);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(Demo.Search(new SearchQuery(expected.Count) { Keyword = "便民", District = "黄浦区" }).Items.Select(s => s.Id), seen);
    }

    [Fact]
    public void District_summaries_add_up()
    {
        var districts = Demo.Districts(Morning);
        Assert.Equal(16, districts.Count);
        Assert.Equal(9_000, districts.Sum(d => d.Sites));
        Assert.Equal(4_500, districts.Sum(d => d.Open));
        Assert.All(districts, d => Assert.Equal(d.Sites, d.Planned + d.Open + d.Suspended + d.Closed));
        Assert.All(districts, d => Assert.InRange(d.OpenNow, 1, d.Open));
    }

    [Fact]
    public void Audience_admits_public_everyone_and_groups_only_their_own()
    {
        var supplyChain = new Audience(AudienceKind.Groups, ["supply-chain"], null);
        Assert.True(Audience.Everyone.Admits("supply-chain"));
        Assert.True(supplyChain.Admits("supply-chain"));
        Assert.True(supplyChain.Admits("Supply-Chain"));
        Assert.False(supplyChain.Admits("public"));
        Assert.False(supplyChain.Admits("enterprise-staff"));
        Assert.False(new Audience(AudienceKind.Residents, [], null).Admits("public"));
    }

    [Fact]
    public void Nobody_named_is_the_public_and_any_is_every_site()
    {
        var supplyChain = new Audience(AudienceKind.Groups, ["supply-chain"], "供应链保供人员");
        var residents = new Audience(AudienceKind.Residents, [], "仅限本小区居民");
        Assert.True(Audience.Everyone.Admits(null));
        Assert.False(supplyChain.Admits(null));
        Assert.False(residents.Admits(null));
        Assert.True(residents.Admits(Audience.ResidentsName));
        Assert.False(residents.Admits("supply-chain"));
        Assert.All(new[] { Audience.Everyone, supplyChain, residents }, a => Assert.True(a.Admits(Audience.AnyName)));
    }

    [Fact]
    public void Nearby_without_an_audience_leaves_out_the_sites_reserved_for_a_group()
    {
        var origin = Demo.Sites.First(s => s.State == SiteState.Open && s.Audience.Kind == AudienceKind.Groups).Location;
        var everyone = Demo.Nearby(new NearbyQuery(origin, 50, 5_000), Morning);
        var any = Demo.Nearby(new NearbyQuery(origin, 50, 5_000) { Audience = Audience.AnyName }, Morning);

        Assert.NotEmpty(everyone);
        Assert.All(everyone, h => Assert.Equal(AudienceKind.Public, h.Site.Audience.Kind));
        Assert.Contains(any, h => h.Site.Audience.Kind == AudienceKind.Groups);
    }

    /// <summary>The audience rule written out on its own, for the brute force: nobody named is the public.</summary>
    private static bool AdmitsByHand(Audience site, string? who) => who switch
    {
        Audience.AnyName => true,
        null or Audience.PublicName => site.Kind == AudienceKind.Public,
        Audience.ResidentsName => site.Kind is AudienceKind.Public or AudienceKind.Residents,
        _ => site.Kind == AudienceKind.Public || (site.Kind == AudienceKind.Groups && site.Groups.Contains(who)),
    };
}
