using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// A keyword search as a resident makes it: what they typed, an optional district, and where they are
/// (a point, a city, or both) so that their own city's sites come first. <see cref="Offset"/> pages
/// through the ranked list.
/// </summary>
public sealed record SearchQuery(int Limit)
{
    public string? Keyword { get; init; }

    /// <summary>Compared as <see cref="Geocoding.PlaceName.District"/> leaves it: 西湖区 finds 杭州市西湖区, 浦东 finds 浦东新区.</summary>
    public string? District { get; init; }

    /// <summary>The caller's city (上海 or 上海市): its sites rank first.</summary>
    public string? City { get; init; }

    /// <summary>The caller's point (WGS-84): sites within <see cref="Catalogue.LocalRadiusMeters"/> rank first, nearer before farther.</summary>
    public GeoPoint? Origin { get; init; }

    /// <summary>How many ranked results the pages before this one held.</summary>
    public int Offset { get; init; }
}
