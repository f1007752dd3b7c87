using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// The places of a city with the district each belongs to, built once per upload of places or
/// boundaries and shared by every computation. A place takes the first boundary that contains it
/// (boundaries in name order, so the answer does not depend on the file's order); outside every
/// boundary, or with none uploaded, it keeps the district its own row named ("" when it named none).
/// </summary>
public sealed class PlanningArea
{
    public PlanningArea(IReadOnlyList<ResidentialPlace> places, IReadOnlyList<DistrictBoundary> districts)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(districts);
        Places = places;
        Boundaries = [.. districts.OrderBy(d => d.Name, StringComparer.Ordinal)];
        var assigned = new string[places.Count];
        var how = new DistrictAssignment[places.Count];
        for (var i = 0; i < places.Count; i++)
        {
            var boundary = FindBoundary(places[i].Location);
            assigned[i] = boundary?.Name ?? places[i].District;
            how[i] = boundary is null ? DistrictAssignment.OwnField : DistrictAssignment.Polygon;
        }

        Districts = assigned;
        Assignments = how;
        DistrictNames = [.. assigned.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        TotalWeight = places.Sum(p => p.Weight);
    }

    public static PlanningArea Empty { get; } = new([], []);

    public IReadOnlyList<ResidentialPlace> Places { get; }

    public IReadOnlyList<DistrictBoundary> Boundaries { get; }

    /// <summary>The district of <see cref="Places"/>[i].</summary>
    public IReadOnlyList<string> Districts { get; }

    public IReadOnlyList<DistrictAssignment> Assignments { get; }

    /// <summary>Every district some place is in, in ordinal order.</summary>
    public IReadOnlyList<string> DistrictNames { get; }

    public double TotalWeight { get; }

    public DistrictBoundary? FindBoundary(GeoPoint point)
    {
        foreach (var boundary in Boundaries)
        {
            if (boundary.Contains(point))
                return boundary;
        }

        return null;
    }

    /// <summary>Whether place <paramref name="index"/> counts for <paramref name="district"/> (null: the whole city).</summary>
    public bool InScope(int index, string? district) => district is null || string.Equals(Districts[index], district, StringComparison.Ordinal);
}
