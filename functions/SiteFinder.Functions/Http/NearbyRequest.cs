using Microsoft.AspNetCore.Http;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>How nearby results are ordered: by distance, or by walking time plus the expected wait.</summary>
public enum NearbySort
{
    Distance,
    Time,
}

/// <summary>The nearby query string, read in one place: where (in the caller's system), which sites, in what order.</summary>
public sealed record NearbyRequest(NearbyQuery Query, CoordinateSystem Coord, NearbySort Sort)
{
    public const int DefaultLimit = 10;

    /// <summary>The request, or the problems of every bad parameter.</summary>
    public static (NearbyRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var parameters = new QueryParameters(query);
        var lat = parameters.Double("lat", -90, 90, required: true);
        var lng = parameters.Double("lng", -180, 180, required: true);
        var coord = parameters.Coord();
        var limit = parameters.Int("limit", DefaultLimit, 1, NearbyQuery.MaxLimit);
        var radius = parameters.Double("radius", 1, NearbyQuery.MaxRadiusMeters, required: false) ?? NearbyQuery.MaxRadiusMeters;
        var open = parameters.OneOf("open", ["now"]);
        var type = parameters.Enum<SiteType>("type");
        var audience = parameters.OneOf("audience", ["public", "residents", .. Audience.KnownGroups]);
        var notBusy = parameters.Bool("notBusy");
        var sort = parameters.Enum<NearbySort>("sort") ?? NearbySort.Distance;
        if (parameters.HasErrors || lat is null || lng is null)
            return (null, parameters.Errors);

        // The index works in WGS-84; the answer goes back in the caller's system.
        var origin = ChinaCoordinates.Convert(new GeoPoint(lat.Value, lng.Value), coord, CoordinateSystem.Wgs84);
        var nearby = new NearbyQuery(origin, limit, radius) { OpenNow = open == "now", Type = type, Audience = audience, NotBusy = notBusy };
        return (new NearbyRequest(nearby, coord, sort), parameters.Errors);
    }
}
