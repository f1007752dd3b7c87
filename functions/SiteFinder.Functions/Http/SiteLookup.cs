using Microsoft.AspNetCore.Mvc;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>The site a route's {id} names, or the problem to answer: a malformed id, no catalogue yet, no such site.</summary>
public static class SiteLookup
{
    public static async Task<(Site? Site, ServedCatalogue? Catalogue, IActionResult? Problem)> FindSiteAsync(this CatalogueProvider provider, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!SiteIds.IsWellFormed(id))
            return (null, null, Problems.Field("id", "a site id is 16 lowercase hex digits"));
        if (await provider.GetAsync(cancellationToken) is not { } catalogue)
            return (null, null, Problems.CatalogueUnavailable());
        return catalogue.Catalogue.Find(id) is { } site
            ? (site, catalogue, null)
            : (null, catalogue, Problems.NotFound($"No site with id '{id}'."));
    }
}
