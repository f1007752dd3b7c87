using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Sites;

/// <summary>What a resident asks for: where they are (WGS-84) and which sites they care about.</summary>
public sealed record NearbyQuery(GeoPoint Origin, int Limit, double RadiusMeters)
{
    public const int MaxLimit = 50;
    public const double MaxRadiusMeters = 50_000;

    public bool OpenNow { get; init; }
    public SiteType? Type { get; init; }
    public string? Audience { get; init; }
}

public sealed record NearbyHit(Site Site, double DistanceMeters, int WalkMinutes);

public sealed record SearchPage(IReadOnlyList<Site> Items, string? NextAfterId);

public sealed record DistrictSummary(string District, int Sites, int Planned, int Open, int Suspended, int Closed, int OpenNow, int HoursUnknown);

/// <summary>
/// An immutable view of every site with its geo index, built once per published snapshot and
/// shared by all requests. Readers never lock: a newer catalogue replaces the reference whole.
/// </summary>
public sealed class Catalogue
{
    private readonly Dictionary<string, Site> _byId;
    private readonly string[] _ids;
    private readonly GeoIndex _index;

    public Catalogue(IEnumerable<Site> sites, long version)
    {
        ArgumentNullException.ThrowIfNull(sites);
        Sites = sites.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        _byId = Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _ids = Sites.Select(s => s.Id).ToArray();
        _index = new GeoIndex(Sites.Select(s => s.Location).ToArray());
        Version = version;
    }

    public static Catalogue Empty { get; } = new([], 0);

    /// <summary>Sorted by id, which is also the tie-break order of every distance query.</summary>
    public IReadOnlyList<Site> Sites { get; }

    public long Version { get; }

    public Site? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Nearest sites in service that pass the query's filters, nearest first; the filters prune during the search.</summary>
    public IReadOnlyList<NearbyHit> Nearby(NearbyQuery query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hits = _index.Nearest(query.Origin, query.Limit, query.RadiusMeters, i => Matches(Sites[i], query, now));
        return hits.Select(h => new NearbyHit(Sites[h.Index], h.DistanceMeters, GreatCircle.WalkingMinutes(h.DistanceMeters))).ToArray();
    }

    /// <summary>Keyword search (substring of name or address) within a district, in id order, paged after an id.</summary>
    public SearchPage Search(string? keyword, string? district, int limit, string? afterId)
    {
        var start = 0;
        if (afterId is not null)
        {
            start = Array.BinarySearch(_ids, afterId, StringComparer.Ordinal);
            start = start >= 0 ? start + 1 : ~start;
        }

        var items = new List<Site>(limit);
        string? next = null;
        for (var i = start; i < Sites.Count; i++)
        {
            var site = Sites[i];
            if (!MatchesSearch(site, keyword, district))
                continue;
            if (items.Count == limit)
            {
                next = items[^1].Id;
                break;
            }

            items.Add(site);
        }

        return new SearchPage(items, next);
    }

    public IReadOnlyList<DistrictSummary> Districts(DateTimeOffset now) =>
        Sites.GroupBy(s => s.District, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DistrictSummary(
                g.Key,
                g.Count(),
                g.Count(s => s.State == SiteState.Planned),
                g.Count(s => s.State == SiteState.Open),
                g.Count(s => s.State == SiteState.Suspended),
                g.Count(s => s.State == SiteState.Closed),
                g.Count(s => s.IsOpenAt(now) == true),
                g.Count(s => s.State == SiteState.Open && s.IsOpenAt(now) is null)))
            .ToArray();

    private static bool Matches(Site site, NearbyQuery query, DateTimeOffset now) =>
        site.State == SiteState.Open &&
        (query.Type is null || site.Type == query.Type) &&
        (query.Audience is null || site.Audience.Admits(query.Audience)) &&
        (!query.OpenNow || site.IsOpenAt(now) == true);

    private static bool MatchesSearch(Site site, string? keyword, string? district) =>
        (district is null || string.Equals(site.District, district, StringComparison.Ordinal)) &&
        (keyword is null ||
         site.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase) ||
         site.Address.Contains(keyword, StringComparison.OrdinalIgnoreCase));
}
