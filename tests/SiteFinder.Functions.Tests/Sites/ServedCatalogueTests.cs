using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Tests.Sites;

/// <summary>A site's view parts are built when first asked for: once, the same as built at once, and only for this catalogue's sites.</summary>
public sealed class ServedCatalogueTests
{
    private static readonly IReadOnlyList<Site> Sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Parts_built_on_first_use_equal_the_parts_of_the_site_and_are_built_once()
    {
        var served = new ServedCatalogue(new Catalogue(Sites));
        var date = new DateOnly(2022, 6, 1);
        foreach (var site in served.Catalogue.Sites.Take(50))
        {
            var parts = served.PartsOf(site);
            Assert.Same(parts, served.PartsOf(site));
            var direct = new SiteViewParts(site);
            Assert.Equal(direct.Locations, parts.Locations);
            foreach (var coord in Enum.GetValues<CoordinateSystem>())
                Assert.Equal(direct.StaticJson(coord, date), parts.StaticJson(coord, date));
        }
    }

    [Fact]
    public void Requests_that_build_the_same_parts_at_once_all_get_one_of_them()
    {
        var served = new ServedCatalogue(new Catalogue(Sites));
        var site = served.Catalogue.Sites[^1];
        var seen = new SiteViewParts[64];
        Parallel.For(0, seen.Length, i => seen[i] = served.PartsOf(site));
        Assert.All(seen, parts => Assert.Same(served.PartsOf(site), parts));
    }

    [Fact]
    public void A_nearby_hit_finds_its_sites_parts_by_position_and_a_hit_of_another_catalogue_by_id()
    {
        var served = new ServedCatalogue(new Catalogue(Sites));
        var site = served.Catalogue.Sites.Last(s => s.State == SiteState.Open);
        var hits = served.Catalogue.Nearby(new NearbyQuery(site.Location, 5, 1_000) { Audience = Audience.AnyName }, DateTimeOffset.UnixEpoch);
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Same(served.PartsOf(hit.Site), served.PartsOf(hit)));

        // The same site at another position (a catalogue of its own): the position is not this catalogue's, so its id decides.
        var elsewhere = new Catalogue([site]).Nearby(new NearbyQuery(site.Location, 1, 1_000) { Audience = Audience.AnyName }, DateTimeOffset.UnixEpoch).Single();
        Assert.Equal(0, elsewhere.Index);
        Assert.Same(served.PartsOf(site), served.PartsOf(elsewhere));
    }

    [Fact]
    public void A_site_of_another_catalogue_has_no_parts_here()
    {
        var served = new ServedCatalogue(new Catalogue(Sites.Take(10)));
        var other = Sites.Skip(10).First();
        Assert.Throws<KeyNotFoundException>(() => served.PartsOf(other));
    }
}
