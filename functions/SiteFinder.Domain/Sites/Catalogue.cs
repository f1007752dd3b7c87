using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Sites;

/// <summary>What a resident asks for: where they are (WGS-84) and which sites they care about.</summary>
public sealed record NearbyQuery(GeoPoint Origin, int Limit, double RadiusMeters)
{
    public const int MaxLimit = 50;
    public const double MaxRadiusMeters = 50_000;

    public bool OpenNow { get; init; }
    public SiteType? Type { get; init; }
    /// <summary>Who asks (see <see cref="Sites.Audience.Admits"/>): null is the sites open to all, "any" every site.</summary>
    public string? Audience { get; init; }

    /// <summary>Leave out sites known to be busy, congested, paused or closed (no data is not known to be busy).</summary>
    public bool NotBusy { get; init; }
}

/// <summary>One site of a nearby answer.</summary>
/// <param name="Site">The site.</param>
/// <param name="Index">Its position in <see cref="Catalogue.Sites"/>, so that whoever keeps data per site by position finds it without a lookup by id.</param>
/// <param name="DistanceMeters">Great-circle metres from the query's origin.</param>
/// <param name="WalkMinutes">Minutes on foot, detours included.</param>
public sealed record NearbyHit(Site Site, int Index, double DistanceMeters, int WalkMinutes)
{
    /// <summary>Walking time plus the wait to plan for; set when results are ordered by time.</summary>
    public double? TotalMinutes { get; init; }
}

/// <summary>One page of a search; <see cref="NextOffset"/> is the <see cref="SearchQuery.Offset"/> of the next page, null after the last.</summary>
public sealed record SearchPage(IReadOnlyList<Site> Items, int? NextOffset);

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
    /// <summary>
    /// A search near a point ranks first the sites within this distance of it: the reach of a nearby
    /// query, and about the size of a city, so a Shanghai resident's 人民广场 is Shanghai's, not Dalian's.
    /// </summary>
    public const double LocalRadiusMeters = NearbyQuery.MaxRadiusMeters;

    /// <summary>
    /// A site that only shares character pairs with the query is found when its confidence (the Dice
    /// similarity scaled by <see cref="PlaceMatcher{T}.SimilarConfidence"/>) reaches this: half the pairs
    /// alike. Below it, 南京东路 would find every 南京西路 and 采样点 every site of the city.
    /// </summary>
    public const double MinSimilarConfidence = PlaceMatcher<SiteName>.SimilarConfidence * 0.5;

    private readonly Dictionary<string, Site> _byId;
    private readonly GeoIndex _index;

    /// <summary>Built on the first search (or by the served catalogue when it loads): nearby queries and the many catalogues tests build never need it.</summary>
    private readonly Lazy<SearchIndex> _search;

    /// <summary>
    /// Sites that may be in service while this catalogue is served, as a bitset the index tests before
    /// any other filter (half the demo city is planned). A suspension with an end is in it: whether it
    /// is over is decided per query (<see cref="Site.StateAt"/>).
    /// </summary>
    private readonly GeoBitset _inService;

    /// <summary>What the nearby filters read of each site, by position (<see cref="SiteFacts"/>).</summary>
    private readonly SiteFacts[] _facts;

    /// <summary>
    /// Sites open (not suspended) to the public, as bits (1.1 KB for 9,000 sites): for them a query without a type or
    /// open-now filter needs nothing from <see cref="_facts"/>. A nearby answer asks about some 26 candidates scattered
    /// over the facts, and on a serving instance each was a load that missed the caches (BENCHMARKS.md, issue 16, fifth pass).
    /// </summary>
    private readonly GeoBitset _openToAll;

    public Catalogue(IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        Sites = sites.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        _byId = Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _index = new GeoIndex(Sites.Select(s => s.Location).ToArray());
        _inService = GeoBitset.Where(Sites.Count, i => Sites[i].MayBeInService);
        _facts = [.. Sites.Select(s => new SiteFacts(s))];
        _openToAll = GeoBitset.Where(Sites.Count, i => _facts[i].State == SiteState.Open && _facts[i].PublicAudience);
        _search = new Lazy<SearchIndex>(() => new SearchIndex(Sites), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static Catalogue Empty { get; } = new([]);

    /// <summary>Sorted by id, which is also the tie-break order of every distance query.</summary>
    public IReadOnlyList<Site> Sites { get; }

    public Site? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Every site's name and address, matched as place names are (<see cref="PlaceMatcher{T}"/>): what
    /// <see cref="Search"/> ranks by, and the catalogue source of a geocoder. Entry 2·i is the name of
    /// <see cref="Sites"/>[i], entry 2·i+1 its address.
    /// </summary>
    public PlaceMatcher<SiteName> Names => _search.Value.Names;

    /// <summary>Nearest sites in service that pass the query's filters, nearest first; the filters prune during the search.</summary>
    public IReadOnlyList<NearbyHit> Nearby(NearbyQuery query, DateTimeOffset now, StatusBoard? board = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        Span<GeoHit> hits = query.Limit <= NearbyQuery.MaxLimit ? stackalloc GeoHit[query.Limit] : new GeoHit[query.Limit];
        var found = _index.Nearest(query.Origin, hits, query.RadiusMeters, new BothFilter<GeoBitset, SiteMatch>(_inService, new SiteMatch(this, query, now, board)));
        var result = new NearbyHit[found];
        for (var i = 0; i < found; i++)
            result[i] = new NearbyHit(Sites[hits[i].Index], hits[i].Index, hits[i].DistanceMeters, GreatCircle.WalkingMinutes(hits[i].DistanceMeters));

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

    /// <summary>
    /// Keyword search over names and addresses, within a district when one is given, ranked and paged
    /// by offset. The order, each rule breaking the ties of the one before:
    /// <list type="number">
    /// <item>local first, when the query gives a city or a point: the site is in that city, or within
    /// <see cref="LocalRadiusMeters"/> of the point;</item>
    /// <item>in service (<see cref="Site.MayBeInService"/>) before planned, closed and indefinitely
    /// suspended sites; this catalogue's fact rather than the instant's, so pages do not shift under a reader;</item>
    /// <item>how the keyword matched the better of name and address: exact, core, prefix, substring,
    /// similar (<see cref="PlaceMatchKind"/>); for similar matches the confidence next, since it says how alike;</item>
    /// <item>nearer the point first, when one is given;</item>
    /// <item>the match's confidence (how much of the name the keyword covers);</item>
    /// <item>id.</item>
    /// </list>
    /// Without a keyword every site of the district is listed by the same rules less the match.
    /// </summary>
    public SearchPage Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var search = _search.Value;
        var district = PlaceName.District(query.District);
        var city = SiteCity.Key(query.City);
        var ranked = new List<Ranked>();
        if (query.Keyword is null)
        {
            for (var i = 0; i < Sites.Count; i++)
                Add(i, PlaceMatchKind.Exact, 0);
        }
        else
        {
            // Best first, so a site's first entry (name or address) is its better match.
            var seen = new HashSet<int>();
            foreach (var match in search.Names.MatchAll(query.Keyword))
            {
                if (match.Kind == PlaceMatchKind.Similar && match.Confidence < MinSimilarConfidence)
                    continue;
                if (seen.Add(match.Index / 2))
                    Add(match.Index / 2, match.Kind, match.Confidence);
            }
        }

        ranked.Sort(Ranked.Compare);
        var items = ranked.Skip(query.Offset).Take(query.Limit).Select(r => Sites[r.Index]).ToArray();
        return new SearchPage(items, query.Offset + items.Length < ranked.Count ? query.Offset + items.Length : null);

        void Add(int i, PlaceMatchKind kind, double confidence)
        {
            if (district.Length > 0 && search.Districts[i] != district)
                return;
            var site = Sites[i];
            var distance = query.Origin is { } origin ? GreatCircle.DistanceMeters(origin, site.Location) : 0;
            var local = (city.Length > 0 && search.Cities[i] == city) || (query.Origin is not null && distance <= LocalRadiusMeters);
            ranked.Add(new Ranked(i, local, site.MayBeInService, kind, confidence, distance));
        }
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
        return new NearbyHit(Sites[hit.Index], hit.Index, hit.DistanceMeters, walk) { TotalMinutes = walk + board.PlanningWait(status) };
    }

    /// <summary>The query's filters as the index applies them during the search (a struct: no delegate call per candidate).</summary>
    private readonly struct SiteMatch(Catalogue catalogue, NearbyQuery query, DateTimeOffset now, StatusBoard? board) : IGeoFilter
    {
        public bool Accepts(int index) =>
            catalogue.MatchesSite(index, query, now) &&
            (!query.NotBusy || board is null || !board.Current(catalogue.Sites[index], now).IsBusy);
    }

    /// <summary>
    /// The filters of <see cref="NearbyByTime"/>: the query's, then "still open on arrival". Paused sites are
    /// not sampling, so they cannot be the quickest way to a test. The status it computes is kept for the total.
    /// </summary>
    private readonly struct TimeMatch(Catalogue catalogue, NearbyQuery query, DateTimeOffset now, StatusBoard board, Dictionary<int, CurrentStatus> statuses) : IGeoFilter
    {
        public bool Accepts(int index)
        {
            if (!catalogue.MatchesSite(index, query, now))
                return false;
            var site = catalogue.Sites[index];
            if (!statuses.TryGetValue(index, out var status))
                statuses[index] = status = board.Current(site, now);
            return (!query.NotBusy || !status.IsBusy) &&
                status.Level != BusyLevel.Paused &&
                site.IsOpenAt(now.AddMinutes(GreatCircle.WalkingMinutes(GreatCircle.DistanceMeters(query.Origin, site.Location)))) == true;
        }
    }

    /// <summary>
    /// The filters that need no status, for the site at <paramref name="index"/>: in service, type, audience, open now.
    /// Read from its facts; the site itself only for an audience other than the public (which the rule of
    /// <see cref="Audience.Admits"/> lets everyone use). Open now is the hours' answer, the state being open.
    /// </summary>
    private bool MatchesSite(int index, NearbyQuery query, DateTimeOffset now)
    {
        // Open, whatever the instant (StateOf), and the public audience admits every query's audience.
        if (query.Type is null && !query.OpenNow && _openToAll.Accepts(index))
            return true;
        ref readonly var facts = ref _facts[index];
        return Site.StateOf(facts.State, facts.SuspendedUntil, now) == SiteState.Open &&
            (query.Type is null || facts.Type == query.Type) &&
            (facts.PublicAudience || Sites[index].Audience.Admits(query.Audience)) &&
            (!query.OpenNow || facts.Hours.IsOpenAt(now) == true);
    }

    /// <summary>
    /// What the nearby filters read of a site, in one array by position (about 40 bytes a site, 360 KB for 9,000): a
    /// candidate costs a load from it instead of a walk through the site's objects (the record, its audience, its
    /// hours), which a serving instance finds out of cache between requests (nearby-path --evict: BENCHMARKS.md,
    /// issue 16). Copied from the site, which is immutable, when the catalogue is built.
    /// </summary>
    private readonly struct SiteFacts(Site site)
    {
        public readonly DateTimeOffset? SuspendedUntil = site.SuspendedUntil;
        public readonly OpeningHours Hours = site.Hours;
        public readonly SiteState State = site.State;
        public readonly SiteType Type = site.Type;
        public readonly bool PublicAudience = site.Audience.Kind == AudienceKind.Public;
    }

    /// <summary>What search compares, in the form it compares it, per site (same order as <see cref="Sites"/>).</summary>
    private sealed class SearchIndex(IReadOnlyList<Site> sites)
    {
        public PlaceMatcher<SiteName> Names { get; } = PlaceMatcher<SiteName>.Build(
            [.. sites.SelectMany(s => new[] { new SiteName(s, s.Name, SiteNameField.Name), new SiteName(s, s.Address, SiteNameField.Address) })],
            n => n.Text,
            n => n.Site.District);

        public string[] Districts { get; } = [.. sites.Select(s => PlaceName.District(s.District))];

        public string[] Cities { get; } = [.. sites.Select(s => SiteCity.Key(s.City))];
    }

    /// <summary>A search result with what it is ranked by; <see cref="Compare"/> is the order <see cref="Search"/> documents.</summary>
    private readonly record struct Ranked(int Index, bool Local, bool InService, PlaceMatchKind Kind, double Confidence, double Distance)
    {
        public static int Compare(Ranked a, Ranked b)
        {
            var c = b.Local.CompareTo(a.Local);
            if (c == 0)
                c = b.InService.CompareTo(a.InService);
            if (c == 0)
                c = a.Kind.CompareTo(b.Kind);
            if (c == 0 && a.Kind == PlaceMatchKind.Similar)
                c = b.Confidence.CompareTo(a.Confidence);
            if (c == 0)
                c = a.Distance.CompareTo(b.Distance);
            if (c == 0)
                c = b.Confidence.CompareTo(a.Confidence);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        }
    }
}
