using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// The sites that count for coverage at one instant, with their own geo index: in service then
/// (<see cref="Site.StateAt"/>), open by their hours (unknown or alternate-week hours do not count:
/// nobody can promise them open), and open to the public. A site reserved for a compound's residents
/// or for a group covers nobody here: the city's aim is a site anyone may walk into. Building the
/// index over the few thousand sites left is a few milliseconds, less than filtering them in every
/// one of 29,000 searches.
/// </summary>
public sealed class CoveringSites
{
    private readonly GeoIndex _index;

    public CoveringSites(IEnumerable<Site> sites, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sites);
        At = at;
        Sites = [.. sites.Where(s => Covers(s, at))];
        _index = new GeoIndex([.. Sites.Select(s => s.Location)]);
    }

    public DateTimeOffset At { get; }

    public IReadOnlyList<Site> Sites { get; }

    public static bool Covers(Site site, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.StateAt(at) == SiteState.Open && site.Audience.Kind == AudienceKind.Public && site.Hours.IsOpenAt(at) == true;
    }

    /// <summary>The nearest covering site and its distance, or (-1, ∞) when none is open anywhere.</summary>
    public (int Site, double Meters) Nearest(GeoPoint point)
    {
        Span<GeoHit> hit = stackalloc GeoHit[1];
        return _index.Nearest(point, hit) == 1 ? (hit[0].Index, hit[0].DistanceMeters) : (-1, double.PositiveInfinity);
    }
}
