namespace SiteFinder.Domain.Geo;

/// <summary>
/// Distances on a sphere of the mean Earth radius. Points become unit vectors so that the
/// index can compare squared chord lengths (monotonic in great-circle distance) without trigonometry.
/// </summary>
public static class GreatCircle
{
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Straight-line distance in metres scaled to walking: streets are not straight.</summary>
    public const double WalkingDetourFactor = 1.3;

    /// <summary>About 4.8 km/h.</summary>
    public const double WalkingMetersPerMinute = 80.0;

    public static (double X, double Y, double Z) ToUnitVector(GeoPoint p)
    {
        var (sinLat, cosLat) = Math.SinCos(p.Lat * (Math.PI / 180.0));
        var (sinLng, cosLng) = Math.SinCos(p.Lng * (Math.PI / 180.0));
        return (cosLat * cosLng, cosLat * sinLng, sinLat);
    }

    public static double ChordSquared(GeoPoint a, GeoPoint b) => ChordSquared(ToUnitVector(a), ToUnitVector(b));

    public static double ChordSquared((double X, double Y, double Z) a, (double X, double Y, double Z) b)
    {
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        var dz = a.Z - b.Z;
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    /// <summary>
    /// Great-circle metres from a squared chord of the unit sphere. Below 12.7 km (half-chord 1e-3) the arcsine is
    /// its series to x⁵, which the next term (15x⁷/336) leaves within one unit in the last place of Math.Asin at
    /// about a third of the cost: every answer of a nearby query takes this, ten a query.
    /// </summary>
    public static double MetersFromChordSquared(double chordSquared)
    {
        var x = Math.Min(1.0, Math.Sqrt(chordSquared) / 2.0);
        if (x < 1e-3)
        {
            var x2 = x * x;
            return 2.0 * EarthRadiusMeters * (x + (x * x2 * ((1.0 / 6.0) + (x2 * (3.0 / 40.0)))));
        }

        return 2.0 * EarthRadiusMeters * Math.Asin(x);
    }

    /// <summary>The squared chord that corresponds to a great-circle distance.</summary>
    public static double ChordSquaredFromMeters(double meters)
    {
        var angle = Math.Min(Math.PI, meters / EarthRadiusMeters);
        var chord = 2.0 * Math.Sin(angle / 2.0);
        return chord * chord;
    }

    public static double DistanceMeters(GeoPoint a, GeoPoint b) => MetersFromChordSquared(ChordSquared(a, b));

    public static int WalkingMinutes(double meters) => (int)Math.Ceiling(meters * WalkingDetourFactor / WalkingMetersPerMinute);
}
