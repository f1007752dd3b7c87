using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Geocoding;

/// <summary>Where a candidate place came from, best source first: a resident often types the name of a site.</summary>
public enum PlaceSource
{
    Catalogue,
    Gazetteer,
    AzureMaps,
}

/// <summary>A place a query may mean: a WGS-84 point, what to call it, where it came from and how sure the match is (0–1).</summary>
public sealed record PlaceCandidate(string Label, GeoPoint Location, PlaceSource Source, double Confidence)
{
    public string? District { get; init; }

    /// <summary>What the place is (小区, 地铁站, a Maps result type), when the source says.</summary>
    public string? Kind { get; init; }

    /// <summary>The site, when the candidate is one of the catalogue's.</summary>
    public string? SiteId { get; init; }
}

/// <summary>How the three sources' candidates become one list.</summary>
public static class PlaceRanking
{
    /// <summary>
    /// A local match at least this sure (an exact name, or the name without its suffix) answers
    /// without asking Azure Maps: the call costs time and money and knows compounds less well.
    /// </summary>
    public const double LocalEnough = 0.95;

    /// <summary>Two candidates closer than this with the same label are one place found twice.</summary>
    public const double SamePlaceMeters = 100;

    public static bool NeedsRemote(IEnumerable<PlaceCandidate> local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return !local.Any(c => c.Confidence >= LocalEnough);
    }

    /// <summary>Best first: by confidence, then by source (catalogue, gazetteer, Maps), then label; a place found by two sources is kept once, from the better.</summary>
    public static IReadOnlyList<PlaceCandidate> Merge(IEnumerable<PlaceCandidate> candidates, int limit)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var kept = new List<PlaceCandidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Confidence).ThenBy(c => c.Source).ThenBy(c => c.Label, StringComparer.Ordinal))
        {
            if (kept.Count == limit)
                break;
            if (!kept.Any(k => k.Label == candidate.Label && GreatCircle.DistanceMeters(k.Location, candidate.Location) < SamePlaceMeters))
                kept.Add(candidate);
        }

        return kept;
    }
}
