using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// The uncovered places in scope, binned in square cells of <see cref="CellMeters"/> on the
/// <see cref="ShanghaiProjection"/> plane. Cells are what gaps are made of (clusters are cells joined
/// by 8-connectivity: a cell touching another by a side or a corner) and where new sites are tried
/// (each cell's weighted centre is a candidate).
/// </summary>
public sealed class GapGrid
{
    public const double CellMeters = 500;

    public GapGrid(CoverageResult coverage, string? district)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var area = coverage.Area;
        var cells = new SortedDictionary<(long Row, long Column), List<int>>();
        for (var i = 0; i < area.Places.Count; i++)
        {
            if (coverage.Places[i].Covered || !area.InScope(i, district))
                continue;
            var (x, y) = ShanghaiProjection.ToMeters(area.Places[i].Location);
            var key = ((long)Math.Floor(y / CellMeters), (long)Math.Floor(x / CellMeters));
            if (!cells.TryGetValue(key, out var list))
                cells[key] = list = [];
            list.Add(i);
        }

        Cells = cells;
        Centres = cells.Values.Select(places => Centre(area, places)).ToList();
    }

    /// <summary>Cell (row, column) → the uncovered places in it, in row then column order.</summary>
    public IReadOnlyDictionary<(long Row, long Column), List<int>> Cells { get; }

    /// <summary>Each cell's weighted centre, in the order of <see cref="Cells"/>.</summary>
    public IReadOnlyList<GeoPoint> Centres { get; }

    /// <summary>The weighted mean of the places' points (the plain mean when all weights are 0).</summary>
    public static GeoPoint Centre(PlanningArea area, IReadOnlyCollection<int> places)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(places);
        double w = 0, lat = 0, lng = 0;
        foreach (var i in places)
        {
            var p = area.Places[i];
            w += p.Weight;
            lat += p.Weight * p.Location.Lat;
            lng += p.Weight * p.Location.Lng;
        }

        if (w > 0)
            return new GeoPoint(lat / w, lng / w);
        return new GeoPoint(places.Average(i => area.Places[i].Location.Lat), places.Average(i => area.Places[i].Location.Lng));
    }
}
