using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Geocoding;

/// <summary>The box (WGS-84 degrees, bounds included) a gazetteer's places must lie in; a place outside it is a geocoding mistake of its source.</summary>
public sealed record GazetteerArea(string Name, double MinLat, double MaxLat, double MinLng, double MaxLng)
{
    /// <summary>
    /// Shanghai's box as the places file draws it (30.66–31.88 N, 120.85–122.2 E): it keeps exactly the
    /// file's 29,197 rows marked in_shanghai_bbox. Widened by 0.01° so that the WGS-84 form of a point
    /// on its edge (GCJ-02 is offset by a few hundred metres) is not dropped.
    /// </summary>
    public static GazetteerArea Shanghai { get; } = new("Shanghai", 30.65, 31.89, 120.84, 122.21);

    public bool Contains(GeoPoint p) => p.Lat >= MinLat && p.Lat <= MaxLat && p.Lng >= MinLng && p.Lng <= MaxLng;
}
