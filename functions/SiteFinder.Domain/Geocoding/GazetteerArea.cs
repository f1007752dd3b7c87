using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Geocoding;

/// <summary>
/// The box (degrees, bounds included) a gazetteer's places must lie in; a place outside it is a
/// geocoding mistake of its source. It is checked on the coordinates as uploaded, in whichever system:
/// the GCJ-02 and BD-09 offsets (under a kilometre) are far finer than a city's box.
/// </summary>
public sealed record GazetteerArea(string Name, double MinLat, double MaxLat, double MinLng, double MaxLng)
{
    /// <summary>Shanghai's box as the places file draws it: it keeps exactly the file's 29,197 rows marked in_shanghai_bbox.</summary>
    public static GazetteerArea Shanghai { get; } = new("Shanghai", 30.66, 31.88, 120.85, 122.2);

    public bool Contains(GeoPoint p) => p.Lat >= MinLat && p.Lat <= MaxLat && p.Lng >= MinLng && p.Lng <= MaxLng;
}
