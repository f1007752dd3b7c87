using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Places;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>The resident-facing reads. Every answer comes from this instance's in-memory catalogue, never from storage.</summary>
public sealed class SitesApi(CatalogueProvider catalogue, StatusProvider statuses, IStatusHistoryStore history, PlaceFinder places, PlaceLimits placeLimits, TimeProvider clock)
{
    public const int DefaultSearchLimit = 20;
    public const int MaxSearchLimit = 100;

    [Function("NearbySites")]
    public async Task<IActionResult> Nearby(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/nearby")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (nearby, errors) = NearbyRequest.Parse(request.Query);
        if (nearby is null)
            return Problems.Validation(errors);

        var now = clock.GetUtcNow();
        if (await catalogue.GetAsync(cancellationToken) is not { } current)
            return Problems.CatalogueUnavailable();

        var query = nearby.Query;
        byte[]? near = null;
        if (nearby.Address is { } address)
        {
            // The best place for the text is the origin, and the answer says which it was ("near 翠湖天地, gazetteer").
            if (placeLimits.Refusal(ClientAddress.Of(request)) is { } wait)
                return Problems.TooManyRequests("Too many place queries from this address; try again later.", wait);
            var found = await places.FindAsync(address, null, 1, GeocodeBias.City, cancellationToken);
            if (found.Items is not [var best, ..])
                return Problems.PlaceNotFound(address, found.Degraded?.Reason.ToString());
            query = query with { Origin = best.Location };
            near = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                new NearbyOrigin(PlaceView.Of(best, nearby.Coord), found.Degraded is null ? null : true, found.Degraded?.Reason),
                ApiJson.Options);
        }

        var board = await BoardAsync(cancellationToken);
        var hits = nearby.Sort == NearbySort.Time ? current.Catalogue.NearbyByTime(query, now, board) : current.Catalogue.Nearby(query, now, board);
        return new Utf8JsonResult(NearbyJson.Write(hits, current, nearby.Coord, now, board, near), pooled: true);
    }

    [Function("GetSite")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{id:length(16)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var coord = query.Coord();
        query.RefuseUnknown();
        if (query.HasErrors)
            return Problems.Validation(query.Errors);

        var (site, served, problem) = await catalogue.FindSiteAsync(id, cancellationToken);
        return problem ?? ApiJson.Ok(SiteView.Detail(site!, served!.PartsOf(site!), coord, clock.GetUtcNow(), await BoardAsync(cancellationToken)));
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
        var city = query.Text("city");
        var limit = query.Int("limit", DefaultSearchLimit, 1, MaxSearchLimit);
        var coord = query.Coord();
        var lat = query.Double("lat", -90, 90, required: false);
        var lng = query.Double("lng", -180, 180, required: false);
        if ((lat is null) != (lng is null) && !query.Errors.ContainsKey("lat") && !query.Errors.ContainsKey("lng"))
            query.Fail(lat is null ? "lat" : "lng", "required with " + (lat is null ? "lng" : "lat"));
        var cursor = query.Text("cursor", 64);
        var (version, offset) = (0L, 0);
        if (cursor is not null && !SearchCursor.TryDecode(cursor, out version, out offset))
            query.Fail("cursor", "not a cursor this API returned");
        query.RefuseUnknown();
        if (query.HasErrors)
            return Problems.Validation(query.Errors);

        var now = clock.GetUtcNow();
        if (await catalogue.GetAsync(cancellationToken) is not { } current)
            return Problems.CatalogueUnavailable();
        if (cursor is not null && version > current.Version)
        {
            // The first page came from an instance that had loaded a newer catalogue than this one (instances
            // refresh on their own clocks): catch up now, one pointer read, rather than refuse a good cursor.
            await catalogue.RefreshAsync(cancellationToken);
            current = catalogue.Current;
        }

        if (cursor is not null && version != current.Version)
        {
            // After a refresh this instance serves the newest catalogue, so a newer version than that was never given out.
            query.Fail("cursor", version > current.Version
                ? "not a cursor this API returned"
                : "the sites were republished since this cursor was given: search again without it");
            return Problems.Validation(query.Errors);
        }

        var search = new SearchQuery(limit)
        {
            Keyword = keyword,
            District = district,
            City = city,
            Origin = lat is { } la && lng is { } lo ? ChinaCoordinates.Convert(new GeoPoint(la, lo), coord, CoordinateSystem.Wgs84) : null,
            Offset = offset,
        };
        var page = current.Catalogue.Search(search);
        var board = await BoardAsync(cancellationToken);
        var items = page.Items.Select(site => SiteView.Summary(site, current.PartsOf(site), coord, now, board)).ToArray();
        return ApiJson.Ok(new ListPage<SiteView>(items, page.NextOffset is { } next ? SearchCursor.Encode(current.Version, next) : null));
    }

    [Function("ListDistricts")]
    public async Task<IActionResult> Districts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "districts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryParameters.RefuseAny(request.Query) is { } unknownParameters)
            return unknownParameters;
        if (await catalogue.GetAsync(cancellationToken) is not { } current)
            return Problems.CatalogueUnavailable();

        var items = current.Catalogue.Districts(clock.GetUtcNow(), await BoardAsync(cancellationToken));
        return ApiJson.Ok(new ListPage<DistrictSummary>(items));
    }

    /// <summary>Typical busyness by local hour of day over the last 14 days.</summary>
    [Function("SiteBusyness")]
    public async Task<IActionResult> Busyness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{id:length(16)}/busyness")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryParameters.RefuseAny(request.Query) is { } unknownParameters)
            return unknownParameters;
        if ((await catalogue.FindSiteAsync(id, cancellationToken)).Problem is { } problem)
            return problem;

        var (first, last) = TypicalBusyness.DatesEndingAt(clock.GetUtcNow());
        var tallies = await history.ReadHoursAsync(id, first, last, cancellationToken);
        var items = TypicalBusyness.FromTallies(tallies);
        return ApiJson.Ok(new ListPage<TypicalHour>(items) { Extra = new() { ["days"] = TypicalBusyness.Days, ["timeZone"] = "Asia/Shanghai" } });
    }

    /// <summary>Statuses are an addition: when none could be loaded, every site honestly shows "no data".</summary>
    private async Task<StatusBoard> BoardAsync(CancellationToken cancellationToken) =>
        await statuses.GetAsync(cancellationToken) ?? statuses.Current;
}
