using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Planning;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Planning;

/// <summary>Hand-made sites and places for the planning rules: points given as metres east and north of People's Square.</summary>
public static class SmallCity
{
    // Thursday 2026-12-03 10:00 and 21:00 in Shanghai.
    public static readonly DateTimeOffset Morning = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset Evening = new(2026, 12, 3, 21, 0, 0, TimeSpan.FromHours(8));

    public static GeoPoint At(double east, double north) => ShanghaiProjection.FromMeters(east, north);

    public static Site Site(string id, GeoPoint location, string hours = "24小时", SiteState state = SiteState.Open, Audience? audience = null, SiteType type = SiteType.Fixed) => new()
    {
        Id = id.PadLeft(16, '0'),
        SourceId = id,
        Name = "site " + id,
        District = "黄浦区",
        Location = location,
        SourceLocation = new LabelledPoint(location, CoordinateSystem.Wgs84),
        Hours = OpeningHours.Parse(hours),
        State = state,
        Audience = audience ?? Audience.Everyone,
        Type = type,
    };

    public static ResidentialPlace Place(string name, GeoPoint location, double weight = 1, string district = "黄浦区") => new(name, district, location, weight);

    /// <summary>A square of side <paramref name="side"/> metres with its south-west corner at (east, north), closed, counter-clockwise.</summary>
    public static List<GeoPoint> Square(double east, double north, double side) =>
        [At(east, north), At(east + side, north), At(east + side, north + side), At(east, north + side), At(east, north)];
}
