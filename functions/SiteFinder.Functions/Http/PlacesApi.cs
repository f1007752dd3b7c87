using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Places;

namespace SiteFinder.Functions.Http;

/// <summary>Finding a place from text: a resident who will not share a location types a compound, a street or a site's name.</summary>
public sealed class PlacesApi(PlaceFinder places, PlaceLimits limits)
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    [Function("Geocode")]
    public async Task<IActionResult> Geocode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "geocode")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var text = query.Text("q", NearbyRequest.MaxAddressLength);
        if (text is null && !query.Errors.ContainsKey("q"))
            query.Fail("q", "required: a compound, street, station or site name");
        var district = query.Text("district");
        var coord = query.Coord();
        var limit = query.Int("limit", DefaultLimit, 1, MaxLimit);
        query.RefuseUnknown();
        if (query.HasErrors)
            return Problems.Validation(query.Errors);
        if (limits.Refusal(ClientAddress.Of(request)) is { } wait)
            return Problems.TooManyRequests("Too many place queries from this address; try again later.", wait);

        var found = await places.FindAsync(text!, district, limit, GeocodeBias.City, cancellationToken);
        var extra = new Dictionary<string, object>();
        if (found.Degraded is { } degraded)
        {
            extra["degraded"] = true;
            extra["reason"] = degraded.Reason;
        }

        return ApiJson.Ok(new ListPage<PlaceView>([.. found.Items.Select(p => PlaceView.Of(p, coord))]) { Extra = extra.Count == 0 ? null : extra });
    }
}
