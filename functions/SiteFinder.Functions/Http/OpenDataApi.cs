using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.OpenData;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>The open data feed for map apps and civic developers: the sites in service as GeoJSON, and what changed since a cursor.</summary>
public sealed class OpenDataApi(SiteFeed feed, CatalogueProvider catalogue, TimeProvider clock)
{
    public const int DefaultChangesLimit = 200;
    public const int MaxChangesLimit = 1000;

    [Function("OpenSitesFeed")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open/sites.geojson")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await feed.GetAsync(cancellationToken) is { } document ? new FeedResult(document) : Problems.CatalogueUnavailable();
    }

    /// <summary>
    /// Sites added, changed or removed after <c>since</c> (a cursor this returned, or an ISO 8601 instant),
    /// oldest change first. Without it, every site in service: a first download.
    /// </summary>
    [Function("OpenSiteChanges")]
    public async Task<IActionResult> Changes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open/changes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var since = query.Text("since", 200);
        var limit = query.Int("limit", DefaultChangesLimit, 1, MaxChangesLimit);
        ChangeCursor? cursor = null;
        var firstDownload = since is null;
        if (since is not null)
        {
            if (ChangesCursor.TryDecode(since, out var decoded, out firstDownload))
                cursor = decoded;
            else
                query.Fail("since", "not a cursor this API returned, nor an ISO 8601 instant");
        }

        // A misspelt "since" (after=, from=) read as a first download would send the whole catalogue again.
        if (query.Refusal() is { } badQuery)
            return badQuery;
        if (await catalogue.GetAsync(cancellationToken) is not { } served)
            return Problems.CatalogueUnavailable();

        var now = clock.GetUtcNow();
        var page = CatalogueChanges.Page(served.Catalogue, cursor, limit, firstDownload);
        var items = page.Items.Select(c => new OpenChange(
            c.Site.Id,
            c.Kind,
            c.Site.UpdatedAt,
            c.Kind == CatalogueChangeKind.Upsert ? OpenFeature.Of(c.Site, served.PartsOf(c.Site), now, null) : null)).ToArray();
        var extra = new Dictionary<string, object> { ["catalogueVersion"] = served.Version };

        // Where to start the next poll, also after the last page; the same as given when nothing changed.
        if (page.Last is { } last)
            extra["since"] = ChangesCursor.Encode(last);
        return ApiJson.Ok(new ListPage<OpenChange>(items, page.Next is { } next ? ChangesCursor.Encode(next, firstDownload) : null) { Extra = extra });
    }
}
