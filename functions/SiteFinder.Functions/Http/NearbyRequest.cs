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

    /// <summary>A compound, street or site name is longer than a line of text only by mistake.</summary>
    public const int MaxAddressLength = 200;

    private static readonly string[] OpenChoices = ["now"];

    /// <summary>Where the resident said they are, as text, instead of lat and lng: the origin is then the best place found for it.</summary>
    public string? Address { get; init; }

    /// <summary>The request, or the problems of every bad parameter.</summary>
    public static (NearbyRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var parameters = new QueryParameters(query);
        var address = parameters.Text("address", MaxAddressLength);
        var byAddress = address is not null;
        var lat = parameters.Double("lat", -90, 90, required: !byAddress);
        var lng = parameters.Double("lng", -180, 180, required: !byAddress);
        if (byAddress && (lat is not null || lng is not null))
            parameters.Fail("address", "give lat and lng, or address, not both");
        var coord = parameters.Coord();
        var limit = parameters.Int("limit", DefaultLimit, 1, NearbyQuery.MaxLimit);
        var radius = parameters.Double("radius", 1, NearbyQuery.MaxRadiusMeters, required: false) ?? NearbyQuery.MaxRadiusMeters;
        var open = parameters.OneOf("open", OpenChoices);
        var type = parameters.Enum<SiteType>("type");
        var audience = parameters.OneOf("audience", Audience.Choices);
        var notBusy = parameters.Bool("notBusy");
        var sort = parameters.Enum<NearbySort>("sort") ?? NearbySort.Distance;
        parameters.RefuseUnknown();
        if (parameters.HasErrors || ((lat is null || lng is null) && !byAddress))
            return (null, parameters.Errors);

        // The index works in WGS-84; the answer goes back in the caller's system. An address's origin is set once it is found.
        var origin = byAddress ? default : ChinaCoordinates.Convert(new GeoPoint(lat!.Value, lng!.Value), coord, CoordinateSystem.Wgs84);
        var nearby = new NearbyQuery(origin, limit, radius) { OpenNow = open == "now", Type = type, Audience = audience, NotBusy = notBusy };
        return (new NearbyRequest(nearby, coord, sort) { Address = address }, parameters.Errors);
    }
}
