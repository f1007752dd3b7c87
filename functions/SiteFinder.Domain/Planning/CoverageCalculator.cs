using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Walks every place to its nearest covering site (one k-d tree search each, <see cref="CoveringSites"/>)
/// and sums the figures per district and for the city.
/// </summary>
public static class CoverageCalculator
{
    public static CoverageResult Compute(PlanningArea area, IEnumerable<Site> sites, DateTimeOffset at, int minutes) =>
        Compute(area, new CoveringSites(sites, at), minutes);

    public static CoverageResult Compute(PlanningArea area, CoveringSites sites, int minutes)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, WalkingTime.MinMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, WalkingTime.MaxMinutes);

        var places = new PlaceCoverage[area.Places.Count];
        for (var i = 0; i < places.Length; i++)
        {
            var (site, meters) = sites.Nearest(area.Places[i].Location);
            var walk = WalkingTime.Minutes(meters);
            places[i] = new PlaceCoverage(site, meters, walk, walk <= minutes);
        }

        var city = Figures(null, area, places, Enumerable.Range(0, places.Length));
        var byDistrict = Enumerable.Range(0, places.Length)
            .GroupBy(i => area.Districts[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, area, places, g))
            .ToList();
        return new CoverageResult(sites.At, minutes, area, sites, places, city, byDistrict);
    }

    private static CoverageFigures Figures(string? district, PlanningArea area, PlaceCoverage[] places, IEnumerable<int> which)
    {
        var count = 0;
        var covered = 0;
        var noSite = 0;
        double weight = 0;
        double coveredWeight = 0;
        var walks = new List<double>();
        foreach (var i in which)
        {
            var w = area.Places[i].Weight;
            count++;
            weight += w;
            walks.Add(places[i].Minutes);
            if (places[i].Site < 0)
                noSite++;
            if (places[i].Covered)
            {
                covered++;
                coveredWeight += w;
            }
        }

        walks.Sort();
        return new CoverageFigures(
            district,
            count,
            weight,
            covered,
            count == 0 ? 0 : Math.Round((double)covered / count, 4),
            coveredWeight,
            weight <= 0 ? 0 : Math.Round(coveredWeight / weight, 4),
            Percentile(walks, 0.5),
            Percentile(walks, 0.9),
            noSite);
    }

    /// <summary>Nearest rank (the smallest value with at least p of the values at or below it), to a tenth of a minute; null when empty or infinite.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
            return null;
        var rank = Math.Max(1, (int)Math.Ceiling(p * sorted.Count));
        var value = sorted[rank - 1];
        return double.IsFinite(value) ? Math.Round(value, 1) : null;
    }
}
