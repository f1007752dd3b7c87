using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>Where an import found a site's point when its row gave none: "gazetteer" or "azure-maps", and how sure it was (0–1). Left out for a point from a list or an operator.</summary>
public sealed record GeocodedView(string Source, double Confidence)
{
    public static GeocodedView? Of(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.GeocodedSource is { } source ? new GeocodedView(source.ToLabel(), site.GeocodedConfidence ?? 0) : null;
    }
}
