using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Catalogue;

namespace SiteFinder.Functions.Http;

/// <summary>The resident-facing reads. Every answer comes from this instance's in-memory catalogue, never from storage.</summary>
public sealed class SitesApi(CatalogueProvider catalogue, TimeProvider clock)
{
    public const int DefaultLimit = 10;
    public const int DefaultSearchLimit = 20;
    public const int MaxSearchLimit = 100;

    [Function("NearbySites")]
    public async Task<IActionResult> Nearby(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/nearby")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var lat = query.Double("lat", -90, 90, required: true);
        var lng = query.Double("lng", -180, 180, required: true);
        var coord = query.Coord();
        var limit = query.Int("limit", DefaultLimit, 1, NearbyQuery.MaxLimit);
        var radius = query.Double("radius", 1, NearbyQuery.MaxRadiusMeters, required: false) ?? NearbyQuery.MaxRadiusMeters;
        var open = query.OneOf("open", ["now"]);
        var type = query.Enum<SiteType>("type");
        var audience = query.OneOf("audience", ["public", "residents", .. Audience.KnownGroups]);
        if (query.HasErrors || lat is null || lng is null)
            return Problems.Validation(query.Errors);

        var origin = ChinaCoordinates.Convert(new GeoPoint(lat.Value, lng.Value), coord, CoordinateSystem.Wgs84);
        var nearbyQuery = new NearbyQuery(origin, limit, radius) { OpenNow = open == "now", Type = type, Audience = audience };
        var now = clock.GetUtcNow();
        if (await catalogue.GetAsync(cancellationToken).ConfigureAwait(false) is not { } current)
            return Problems.CatalogueUnavailable();

        var items = current.Nearby(nearbyQuery, now).Select(hit => SiteView.Nearby(hit, coord, now)).ToArray();
        return ApiJson.Ok(new { items, cursor = (string?)null });
    }

    [Function("GetSite")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var coord = query.Coord();
        if (!SiteIds.IsWellFormed(id))
            query.Fail("id", "a site id is 16 lowercase hex digits");
        if (query.HasErrors)
            return Problems.Validation(query.Errors);

        if (await catalogue.GetAsync(cancellationToken).ConfigureAwait(false) is not { } current)
            return Problems.CatalogueUnavailable();

        var site = current.Find(id);
        return site is null
            ? Problems.NotFound($"No site with id '{id}'.")
            : ApiJson.Ok(SiteView.Detail(site, coord, clock.GetUtcNow()));
    }

    [Function("SearchSites")]
    public async Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var keyword = query.Text("q");
        var district = query.Text("district");
        var limit = query.Int("limit", DefaultSearchLimit, 1, MaxSearchLimit);
        var coord = query.Coord();
        var cursor = query.Text("cursor", 64);
        string? afterId = null;
        if (cursor is not null && !SearchCursor.TryDecode(cursor, out afterId))
            query.Fail("cursor", "not a cursor this API returned");
        if (query.HasErrors)
            return Problems.Validation(query.Errors);

        var now = clock.GetUtcNow();
        if (await catalogue.GetAsync(cancellationToken).ConfigureAwait(false) is not { } current)
            return Problems.CatalogueUnavailable();

        var page = current.Search(keyword, district, limit, afterId);
        var items = page.Items.Select(site => SiteView.Summary(site, coord, now)).ToArray();
        return ApiJson.Ok(new { items, cursor = page.NextAfterId is null ? null : SearchCursor.Encode(page.NextAfterId) });
    }

    [Function("ListDistricts")]
    public async Task<IActionResult> Districts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "districts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await catalogue.GetAsync(cancellationToken).ConfigureAwait(false) is not { } current)
            return Problems.CatalogueUnavailable();

        var items = current.Districts(clock.GetUtcNow());
        return ApiJson.Ok(new { items, cursor = (string?)null });
    }
}
