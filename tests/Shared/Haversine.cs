using SiteFinder.Domain.Geo;

namespace SiteFinder.Tests;

/// <summary>The haversine distance: a formula independent of the index's chord arithmetic, for checking it.</summary>
public static class Haversine
{
    public static double Meters(GeoPoint a, GeoPoint b)
    {
        var dLat = (b.Lat - a.Lat) * (Math.PI / 180.0);
        var dLng = (b.Lng - a.Lng) * (Math.PI / 180.0);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(a.Lat * (Math.PI / 180.0)) * Math.Cos(b.Lat * (Math.PI / 180.0)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2.0 * GreatCircle.EarthRadiusMeters * Math.Asin(Math.Min(1.0, Math.Sqrt(h)));
    }
}
