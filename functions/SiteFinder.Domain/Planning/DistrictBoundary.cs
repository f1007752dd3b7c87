using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// A district's outline as a GeoJSON MultiPolygon in WGS-84: polygons, each a list of rings (the
/// outer ring first, then its holes), each ring a list of points. A point is inside when an odd
/// number of a polygon's rings surround it (even-odd rule), so holes are respected whatever their
/// winding; the bounding box is checked first because most points are far from most districts.
/// </summary>
public sealed class DistrictBoundary
{
    private readonly double _minLat;
    private readonly double _maxLat;
    private readonly double _minLng;
    private readonly double _maxLng;

    public DistrictBoundary(string name, IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> polygons)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(polygons);
        Name = name;
        Polygons = polygons;
        var points = polygons.SelectMany(p => p).SelectMany(r => r).ToList();
        _minLat = points.Count == 0 ? double.NaN : points.Min(p => p.Lat);
        _maxLat = points.Count == 0 ? double.NaN : points.Max(p => p.Lat);
        _minLng = points.Count == 0 ? double.NaN : points.Min(p => p.Lng);
        _maxLng = points.Count == 0 ? double.NaN : points.Max(p => p.Lng);
    }

    public string Name { get; }

    public IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> Polygons { get; }

    /// <summary>How many points all rings hold: what a map draws and a snapshot stores.</summary>
    public int VertexCount => Polygons.Sum(p => p.Sum(r => r.Count));

    public bool Contains(GeoPoint point)
    {
        // NaN bounds (no rings) compare false, so an empty boundary contains nothing.
        if (!(point.Lat >= _minLat && point.Lat <= _maxLat && point.Lng >= _minLng && point.Lng <= _maxLng))
            return false;
        foreach (var polygon in Polygons)
        {
            var inside = false;
            foreach (var ring in polygon)
            {
                if (RingContains(ring, point))
                    inside = !inside;
            }

            if (inside)
                return true;
        }

        return false;
    }

    /// <summary>Ray casting towards +lng: a ring surrounds the point when the ray crosses it an odd number of times. Closed or open rings alike.</summary>
    private static bool RingContains(IReadOnlyList<GeoPoint> ring, GeoPoint p)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if ((a.Lat > p.Lat) != (b.Lat > p.Lat) &&
                p.Lng < ((b.Lng - a.Lng) * (p.Lat - a.Lat) / (b.Lat - a.Lat)) + a.Lng)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
