using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Sites;

public class DemoCatalogueTests
{
    private static readonly IReadOnlyList<Site> Sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Has_9000_sites_4500_open_in_all_16_districts()
    {
        Assert.Equal(9_000, Sites.Count);
        Assert.Equal(4_500, Sites.Count(s => s.State == SiteState.Open));
        Assert.Equal(16, Sites.Select(s => s.District).Distinct().Count());
        Assert.Equal(Sites.Count, Sites.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Is_deterministic() =>
        Assert.Equal(
            Sites.Select(s => (s.Id, s.Location, s.State, s.Hours.Raw)),
            DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Select(s => (s.Id, s.Location, s.State, s.Hours.Raw)));

    [Fact]
    public void Every_hours_template_parses() =>
        Assert.All(DemoCatalogue.HoursTemplates, text => Assert.Equal(HoursParseStatus.Parsed, OpeningHours.Parse(text).Status));

    [Fact]
    public void Sites_lie_within_their_district_extent_and_follow_population()
    {
        foreach (var district in ShanghaiDistricts.All)
        {
            var own = Sites.Where(s => s.District == district.Name).ToList();
            Assert.All(own, s => Assert.True(GreatCircle.DistanceMeters(s.Location, district.Centre) <= district.RadiusKm * 1000 * 1.06));
        }

        Assert.True(Sites.Count(s => s.District == "浦东新区") > 4 * Sites.Count(s => s.District == "黄浦区"));
    }

    [Fact]
    public void Mixes_types_and_audiences()
    {
        Assert.All(Enum.GetValues<SiteType>().Where(t => t != SiteType.Unknown), t => Assert.Contains(Sites, s => s.Type == t));
        Assert.Contains(Sites, s => s.Audience.Kind == AudienceKind.Residents);
        Assert.Contains(Sites, s => s.Audience.Groups.Contains("supply-chain"));
        Assert.True(Sites.Count(s => s.Audience.Kind == AudienceKind.Public) > Sites.Count * 0.8);
    }
}
