namespace SiteFinder.Domain.Geo;

/// <summary>
/// Conversions between WGS-84, GCJ-02 and BD-09. The forward GCJ-02 offset is the published
/// obfuscation polynomial; there is no closed-form inverse, so GCJ-02 and BD-09 are inverted by
/// fixed-point iteration until the forward transform reproduces the input to ~1e-9 degrees (~0.1 mm).
/// Points outside China are not shifted in either direction.
/// </summary>
public static class ChinaCoordinates
{
    private const double Krasovsky = 6378245.0;
    private const double Eccentricity2 = 0.00669342162296594323;
    private const double BaiduXPi = Math.PI * 3000.0 / 180.0;
    private const double Tolerance = 1e-10;
    private const int MaxIterations = 50;

    /// <summary>The rough rectangle in which Chinese maps apply the offset (the usual published bounds).</summary>
    public static bool IsOutsideChina(GeoPoint p) => p.Lng is < 72.004 or > 137.8347 || p.Lat is < 0.8293 or > 55.8271;

    public static GeoPoint Convert(GeoPoint point, CoordinateSystem from, CoordinateSystem to)
    {
        if (from == to || IsOutsideChina(point))
            return point;

        var wgs = from switch
        {
            CoordinateSystem.Wgs84 => point,
            CoordinateSystem.Gcj02 => GcjToWgs(point),
            CoordinateSystem.Bd09 => GcjToWgs(BdToGcj(point)),
            _ => throw new ArgumentOutOfRangeException(nameof(from)),
        };

        return to switch
        {
            CoordinateSystem.Wgs84 => wgs,
            CoordinateSystem.Gcj02 => WgsToGcj(wgs),
            CoordinateSystem.Bd09 => GcjToBd(WgsToGcj(wgs)),
            _ => throw new ArgumentOutOfRangeException(nameof(to)),
        };
    }

    public static GeoPoint WgsToGcj(GeoPoint wgs)
    {
        if (IsOutsideChina(wgs))
            return wgs;

        var x = wgs.Lng - 105.0;
        var y = wgs.Lat - 35.0;
        var dLat = OffsetLat(x, y);
        var dLng = OffsetLng(x, y);
        var radLat = wgs.Lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - (Eccentricity2 * magic * magic);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (Krasovsky * (1 - Eccentricity2) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (Krasovsky / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return new GeoPoint(wgs.Lat + dLat, wgs.Lng + dLng);
    }

    public static GeoPoint GcjToWgs(GeoPoint gcj) => Invert(gcj, WgsToGcj);

    public static GeoPoint GcjToBd(GeoPoint gcj)
    {
        var x = gcj.Lng;
        var y = gcj.Lat;
        var z = Math.Sqrt((x * x) + (y * y)) + (0.00002 * Math.Sin(y * BaiduXPi));
        var theta = Math.Atan2(y, x) + (0.000003 * Math.Cos(x * BaiduXPi));
        return new GeoPoint((z * Math.Sin(theta)) + 0.006, (z * Math.Cos(theta)) + 0.0065);
    }

    public static GeoPoint BdToGcj(GeoPoint bd) => Invert(bd, GcjToBd);

    /// <summary>Solves forward(w) = target by w ← w − (forward(w) − target), starting from the target.</summary>
    private static GeoPoint Invert(GeoPoint target, Func<GeoPoint, GeoPoint> forward)
    {
        var guess = target;
        for (var i = 0; i < MaxIterations; i++)
        {
            var image = forward(guess);
            var dLat = image.Lat - target.Lat;
            var dLng = image.Lng - target.Lng;
            guess = new GeoPoint(guess.Lat - dLat, guess.Lng - dLng);
            if (Math.Abs(dLat) < Tolerance && Math.Abs(dLng) < Tolerance)
                break;
        }

        return guess;
    }

    private static double OffsetLat(double x, double y)
    {
        var ret = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return ret;
    }

    private static double OffsetLng(double x, double y)
    {
        var ret = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return ret;
    }
}
