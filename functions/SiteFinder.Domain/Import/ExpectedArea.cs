using System.Globalization;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Import;

/// <summary>
/// Where an import expects its sites (WGS-84): the box a deployment sets (IMPORT_EXPECTED_AREA), or
/// else a circle derived from the list itself. A row outside it is held as planned, not served: a
/// point 1,400 km away is a geocoding slip, and serving it at 0 m sends residents nowhere.
/// </summary>
public sealed record ExpectedArea
{
    /// <summary>No derived radius is smaller: a one-district list still reaches its own outskirts.</summary>
    public const double MinRadiusMeters = 100_000;

    /// <summary>
    /// The derived radius is this many times the 99th-percentile distance from the median point.
    /// Measured on the real lists: Hangzhou 137.5 km → 206 km (the 淳安县 sites at 151–183 km pass; the
    /// points at 211 km and 1,416 km are held), Dalian 154.6 km → 232 km (every 庄河市 site, up to 178 km, passes).
    /// </summary>
    public const double SpreadFactor = 1.5;

    /// <summary>A high percentile, not the maximum, so that the few far slips of a list do not widen its own area.</summary>
    public const double Percentile = 0.99;

    private ExpectedArea()
    {
    }

    /// <summary>The centre of a derived area (the list's median point); null for a configured box.</summary>
    public GeoPoint? Centre { get; private init; }

    public double RadiusMeters { get; private init; }

    public double MinLat { get; private init; }

    public double MinLng { get; private init; }

    public double MaxLat { get; private init; }

    public double MaxLng { get; private init; }

    public static ExpectedArea Box(double minLat, double minLng, double maxLat, double maxLng) =>
        new() { MinLat = minLat, MinLng = minLng, MaxLat = maxLat, MaxLng = maxLng };

    /// <summary>Reads "minLat,minLng,maxLat,maxLng" (WGS-84 degrees); the error says what is wrong.</summary>
    public static bool TryParse(string? text, out ExpectedArea? area, out string? error)
    {
        area = null;
        error = null;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        var values = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).Contains(false))
        {
            error = "four numbers \"minLat,minLng,maxLat,maxLng\" (WGS-84 degrees)";
            return false;
        }

        var (minLat, minLng, maxLat, maxLng) = (values[0], values[1], values[2], values[3]);
        if (minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180 || minLat >= maxLat || minLng >= maxLng)
        {
            error = "a box with -90 ≤ minLat < maxLat ≤ 90 and -180 ≤ minLng < maxLng ≤ 180";
            return false;
        }

        area = Box(minLat, minLng, maxLat, maxLng);
        return true;
    }

    /// <summary>The list's median point and <see cref="SpreadFactor"/> × its 99th-percentile distance (at least <see cref="MinRadiusMeters"/>); null for no points.</summary>
    public static ExpectedArea? FromList(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            return null;

        var lats = points.Select(p => p.Lat).Order().ToList();
        var lngs = points.Select(p => p.Lng).Order().ToList();
        var centre = new GeoPoint(lats[lats.Count / 2], lngs[lngs.Count / 2]);
        var distances = points.Select(p => GreatCircle.DistanceMeters(centre, p)).Order().ToList();

        // Nearest rank below the top: for lists under 100 rows the farthest point never sets the radius.
        var high = distances[(int)Math.Floor(Percentile * (distances.Count - 1))];
        return new ExpectedArea { Centre = centre, RadiusMeters = Math.Max(MinRadiusMeters, SpreadFactor * high) };
    }

    /// <summary>Null when the point is inside; otherwise why it is not, for the report and the site's state reason.</summary>
    public string? Outside(GeoPoint point)
    {
        if (Centre is { } centre)
        {
            var distance = GreatCircle.DistanceMeters(centre, point);
            return distance <= RadiusMeters ? null
                : string.Create(CultureInfo.InvariantCulture, $"{distance / 1000:F0} km from the list's median point ({centre.Lat:F4}, {centre.Lng:F4}); the list's area reaches {RadiusMeters / 1000:F0} km");
        }

        return point.Lat >= MinLat && point.Lat <= MaxLat && point.Lng >= MinLng && point.Lng <= MaxLng ? null
            : string.Create(CultureInfo.InvariantCulture, $"({point.Lat:F4}, {point.Lng:F4}) is outside the expected area {MinLat},{MinLng},{MaxLat},{MaxLng} (IMPORT_EXPECTED_AREA)");
    }
}
