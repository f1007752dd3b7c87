using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Sites;

/// <summary>What a resident asks for: where they are (WGS-84) and which sites they care about.</summary>
public sealed record NearbyQuery(GeoPoint Origin, int Limit, double RadiusMeters)
{
    public const int MaxLimit = 50;
    public const double MaxRadiusMeters = 50_000;

    public bool OpenNow { get; init; }
    public SiteType? Type { get; init; }
    public string? Audience { get; init; }

    /// <summary>Leave out sites known to be busy, congested, paused or closed (no data is not known to be busy).</summary>
    public bool NotBusy { get; init; }
}

public sealed record NearbyHit(Site Site, double DistanceMeters, int WalkMinutes)
{
    /// <summary>Walking time plus the wait to plan for; set when results are ordered by time.</summary>
    public double? TotalMinutes { get; init; }
}

public sealed record SearchPage(IReadOnlyList<Site> Items, string? NextAfterId);

public sealed record DistrictSummary(string District, int Sites, int Planned, int Open, int Suspended, int Closed, int OpenNow, int HoursUnknown)
{
    /// <summary>Sites open now by level (idle, normal, busy, congested, paused, noData).</summary>
    public IReadOnlyDictionary<BusyLevel, int> Levels { get; init; } = new Dictionary<BusyLevel, int>();

    public double? MedianWaitMinutes { get; init; }
}

/// <summary>A site open now whose status is missing, older than the TTL, or put in doubt by residents (<see cref="Reason"/> says which).</summary>
public sealed record StaleSite(Site Site, DateTimeOffset? LastReportedAt)
{
    public StaleReason Reason { get; init; } = StaleReason.NoRecentReport;
}

public enum StaleReason
{
    NoRecentReport,

    /// <summary>Residents said it is closed (<see cref="Status.BusyLevel.Unconfirmed"/>): the first call to make.</summary>
    ResidentsReportClosed,
}

/// <summary>
/// An immutable view of every site with its geo index, built once per published snapshot and
/// shared by all requests. Readers never lock: a newer catalogue replaces the reference whole.
/// </summary>
public sealed class Catalogue
{
    private readonly Dictionary<string, Site> _byId;
    private readonly string[] _ids;
    private readonly GeoIndex _index;

    /// <summary>
    /// Sites that may be in service while this catalogue is served, as a bitset the index tests before
    /// any other filter (half the demo city is planned). A suspension with an end is in it: whether it
    /// is over is decided per query (<see cref="Site.StateAt"/>).
    /// </summary>
    private readonly GeoBitset _inService;

    public Catalogue(IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        Sites = sites.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        _byId = Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _ids = Sites.Select(s => s.Id).ToArray();
        _index = new GeoIndex(Sites.Select(s => s.Location).ToArray());
        _inService = GeoBitset.Where(Sites.Count, i => Sites[i].MayBeInService);
    }

    public static Catalogue Empty { get; } = new([]);

    /// <summary>Sorted by id, which is also the tie-break order of every distance query.</summary>
    public IReadOnlyList<Site> Sites { get; }

    public Site? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Nearest sites in service that pass the query's filters, nearest first; the filters prune during the search.</summary>
    public IReadOnlyList<NearbyHit> Nearby(NearbyQuery query, DateTimeOffset now, StatusBoard? board = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        Span<GeoHit> hits = query.Limit <= NearbyQuery.MaxLimit ? stackalloc GeoHit[query.Limit] : new GeoHit[query.Limit];
        var found = _index.Nearest(query.Origin, hits, query.RadiusMeters, new BothFilter<GeoBitset, SiteMatch>(_inService, new SiteMatch(this, query, now, board)));
        var result = new NearbyHit[found];
        for (var i = 0; i < found; i++)
            result[i] = new NearbyHit(Sites[hits[i].Index], hits[i].DistanceMeters, GreatCircle.WalkingMinutes(hits[i].DistanceMeters));

        // At an equal distance a site's own point ranks before a shared, approximate one (stable: id order otherwise).
        return Array.Exists(result, h => h.Site.LocationApproximate)
            ? [.. result.OrderBy(h => h.DistanceMeters).ThenBy(h => h.Site.LocationApproximate)]
            : result;
    }

    /// <summary>
    /// Sites ordered by walking time plus expected wait, keeping only those still open when the
    /// resident arrives. Exact: after a first guess from the nearest sites, every site whose walk
    /// alone is shorter than the current k-th best total is examined.
    /// </summary>
    public IReadOnlyList<NearbyHit> NearbyByTime(NearbyQuery query, DateTimeOffset now, StatusBoard board)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(board);
        // Each candidate's status is computed once, by the filter, and read back for its total time.
        var statuses = new Dictionary<int, CurrentStatus>();
        var filter = new BothFilter<GeoBitset, TimeMatch>(_inService, new TimeMatch(this, query, now, board, statuses));

        var guess = new GeoHit[Math.Max(query.Limit * 4, 20)];
        var guessed = _index.Nearest(query.Origin, guess, query.RadiusMeters, filter);
        var radius = query.RadiusMeters;
        if (guessed >= query.Limit)
        {
            var kthTotal = guess[..guessed].Select(h => Timed(h, statuses[h.Index], board).TotalMinutes!.Value).Order().ElementAt(query.Limit - 1);
            radius = Math.Min(radius, Math.Ceiling(kthTotal) * GreatCircle.WalkingMetersPerMinute / GreatCircle.WalkingDetourFactor);
        }

        var within = new List<GeoHit>();
        _index.Within(query.Origin, radius, filter, within);
        return within
            .Select(h => Timed(h, statuses[h.Index], board))
            .OrderBy(h => h.TotalMinutes).ThenBy(h => h.DistanceMeters).ThenBy(h => h.Site.LocationApproximate).ThenBy(h => h.Site.Id, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToArray();
    }

    /// <summary>Sites open now with no status, or a status older than the TTL: what a district operator should chase.</summary>
    public IReadOnlyList<StaleSite> Stale(DateTimeOffset now, StatusBoard board, string? district)
    {
        ArgumentNullException.ThrowIfNull(board);
        return Sites
            .Where(s => district is null || string.Equals(s.District, district, StringComparison.Ordinal))
            .Select(s => (Site: s, Status: board.Current(s, now)))
            .Where(x => x.Status.Level is BusyLevel.NoData or BusyLevel.Unconfirmed)
            .Select(x => x.Status.Level == BusyLevel.Unconfirmed
                ? new StaleSite(x.Site, x.Status.Basis?.ReportedAt) { Reason = StaleReason.ResidentsReportClosed }
                : new StaleSite(x.Site, x.Status.Basis?.ReportedAt))
            .OrderByDescending(x => x.Reason == StaleReason.ResidentsReportClosed)
            .ThenBy(x => x.LastReportedAt ?? DateTimeOffset.MinValue).ThenBy(x => x.Site.Id, StringComparer.Ordinal)
            .ToArray();
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

    public IReadOnlyList<DistrictSummary> Districts(DateTimeOffset now, StatusBoard? board = null) =>
        Sites.GroupBy(s => s.District, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, [.. g], now, board))
            .ToArray();

    private static DistrictSummary Summarise(string district, IReadOnlyList<Site> sites, DateTimeOffset now, StatusBoard? board)
    {
        var openNow = sites.Where(s => s.IsOpenAt(now) == true).ToList();
        var statuses = board is null ? [] : openNow.Select(s => board.Current(s, now)).ToList();
        return new DistrictSummary(
            district,
            sites.Count,
            sites.Count(s => s.StateAt(now) == SiteState.Planned),
            sites.Count(s => s.StateAt(now) == SiteState.Open),
            sites.Count(s => s.StateAt(now) == SiteState.Suspended),
            sites.Count(s => s.StateAt(now) == SiteState.Closed),
            openNow.Count,
            sites.Count(s => s.StateAt(now) == SiteState.Open && s.IsOpenAt(now) is null))
        {
            Levels = Enum.GetValues<BusyLevel>().Where(l => l != BusyLevel.Closed).ToDictionary(l => l, l => statuses.Count(s => s.Level == l)),
            MedianWaitMinutes = Median(statuses.Select(s => s.WaitMinutes).OfType<double>()),
        };
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private NearbyHit Timed(GeoHit hit, CurrentStatus status, StatusBoard board)
    {
        var walk = GreatCircle.WalkingMinutes(hit.DistanceMeters);
        return new NearbyHit(Sites[hit.Index], hit.DistanceMeters, walk) { TotalMinutes = walk + board.PlanningWait(status) };
    }

    /// <summary>The query's filters as the index applies them during the search (a struct: no delegate call per candidate).</summary>
    private readonly struct SiteMatch(Catalogue catalogue, NearbyQuery query, DateTimeOffset now, StatusBoard? board) : IGeoFilter
    {
        public bool Accepts(int index) => Matches(catalogue.Sites[index], query, now, board);
    }

    /// <summary>
    /// The filters of <see cref="NearbyByTime"/>: the query's, then "still open on arrival". Paused sites are
    /// not sampling, so they cannot be the quickest way to a test. The status it computes is kept for the total.
    /// </summary>
    private readonly struct TimeMatch(Catalogue catalogue, NearbyQuery query, DateTimeOffset now, StatusBoard board, Dictionary<int, CurrentStatus> statuses) : IGeoFilter
    {
        public bool Accepts(int index)
        {
            var site = catalogue.Sites[index];
            if (!MatchesSite(site, query, now))
                return false;
            if (!statuses.TryGetValue(index, out var status))
                statuses[index] = status = board.Current(site, now);
            return (!query.NotBusy || !status.IsBusy) &&
                status.Level != BusyLevel.Paused &&
                site.IsOpenAt(now.AddMinutes(GreatCircle.WalkingMinutes(GreatCircle.DistanceMeters(query.Origin, site.Location)))) == true;
        }
    }

    private static bool Matches(Site site, NearbyQuery query, DateTimeOffset now, StatusBoard? board) =>
        MatchesSite(site, query, now) &&
        (!query.NotBusy || board is null || !board.Current(site, now).IsBusy);

    /// <summary>The filters that need no status: in service, type, audience, open now.</summary>
    private static bool MatchesSite(Site site, NearbyQuery query, DateTimeOffset now) =>
        site.StateAt(now) == SiteState.Open &&
        (query.Type is null || site.Type == query.Type) &&
        (query.Audience is null || site.Audience.Admits(query.Audience)) &&
        (!query.OpenNow || site.IsOpenAt(now) == true);

    private static bool MatchesSearch(Site site, string? keyword, string? district) =>
        (district is null || string.Equals(site.District, district, StringComparison.Ordinal)) &&
        (keyword is null ||
         site.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase) ||
         site.Address.Contains(keyword, StringComparison.OrdinalIgnoreCase));
}
