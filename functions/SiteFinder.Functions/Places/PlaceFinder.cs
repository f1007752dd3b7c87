using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Gazetteer;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Places;

/// <summary>What a place query found, and why Azure Maps was not part of it when it could not be asked.</summary>
public sealed record PlaceSearch(IReadOnlyList<PlaceCandidate> Items, GeocodeDegradation? Degraded)
{
    /// <summary>Azure Maps answered, or was not needed.</summary>
    public bool Complete => Degraded is null;
}

/// <summary>
/// Finds places from text in three sources, best first: the catalogue's own sites, the gazetteer of
/// compounds and stations operators uploaded, and Azure Maps only when neither is sure (<see cref="PlaceRanking"/>).
/// The local sources are in memory; Maps failing never fails the answer, it marks it degraded. The Maps client is made
/// on its first call (<see cref="Lazy{T}"/>): the finder is built with the first nearby answer, and one by coordinates
/// never needs Maps.
/// </summary>
public sealed class PlaceFinder(CatalogueProvider catalogue, GazetteerProvider gazetteer, Lazy<IAddressGeocoder> maps)
{
    public async Task<PlaceSearch> FindAsync(string query, string? district, int limit, GeocodeBias bias, CancellationToken cancellationToken)
    {
        var local = new List<PlaceCandidate>();
        if (await catalogue.GetAsync(cancellationToken) is { } served)
        {
            // Planned sites are left out: an import holds far or doubtful points as planned, and such a
            // point must not become a resident's origin. A site matched by its address is still that site.
            local.AddRange(served.Names.Match(query, district, limit * 2)
                .Where(m => m.Item.Site.State != SiteState.Planned)
                .DistinctBy(m => m.Item.Site.Id)
                .Take(limit)
                .Select(m => new PlaceCandidate(m.Item.Site.Name, m.Item.Site.Location, PlaceSource.Catalogue, m.Confidence)
                {
                    District = m.Item.Site.District,
                    Kind = m.Item.Field == SiteNameField.Address ? "siteAddress" : "site",
                    SiteId = m.Item.Site.Id,
                }));
        }

        var places = await gazetteer.GetAsync(cancellationToken) ?? gazetteer.Current;
        local.AddRange(places.Matcher.Match(query, district, limit).Select(m => new PlaceCandidate(m.Item.Name, m.Item.Location, PlaceSource.Gazetteer, m.Confidence)
        {
            District = m.Item.District,
            Kind = m.Item.Kind,
        }));

        if (!PlaceRanking.NeedsRemote(local))
            return new PlaceSearch(PlaceRanking.Merge(local, limit), null);

        var remote = await maps.Value.GeocodeAsync(query, bias, cancellationToken);
        var found = remote.Candidates.Select(c => new PlaceCandidate(c.Label, c.Location, PlaceSource.AzureMaps, c.Confidence) { Kind = c.Kind });
        return new PlaceSearch(PlaceRanking.Merge(local.Concat(found), limit), remote.Degraded);
    }
}
