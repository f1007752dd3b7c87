using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Plane metres for the city: equirectangular about 31.2° N (longitude scaled by cos 31.2°), origin at
/// 121.47° E 31.23° N (People's Square). Within Shanghai's box distances are off by under 2 %, which is
/// enough for 500 m grid cells and a drawn map; distances that decide coverage stay great-circle.
/// </summary>
public static class ShanghaiProjection
{
    public const double ReferenceLat = 31.2;
    public const double OriginLat = 31.23;
    public const double OriginLng = 121.47;

    public static readonly double MetersPerDegree = Math.PI * GreatCircle.EarthRadiusMeters / 180.0;

    public static readonly double CosReference = Math.Cos(ReferenceLat * Math.PI / 180.0);

    /// <summary>East and north of the origin, in metres.</summary>
    public static (double X, double Y) ToMeters(GeoPoint p) =>
        ((p.Lng - OriginLng) * MetersPerDegree * CosReference, (p.Lat - OriginLat) * MetersPerDegree);

    public static GeoPoint FromMeters(double x, double y) =>
        new(OriginLat + (y / MetersPerDegree), OriginLng + (x / (MetersPerDegree * CosReference)));
}
