using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// The catalogue as this instance serves it: the domain's sites and geo index, and each site's
/// unchanging view parts (locations in every coordinate system, audience, hours, pre-serialized
/// list JSON). Both are built when the snapshot is loaded and replaced together, so an answer
/// never mixes the parts of one catalogue with the sites of another.
/// </summary>
public sealed class ServedCatalogue
{
    private readonly Dictionary<string, SiteViewParts> _parts;
    private readonly Lazy<PlaceMatcher<Site>> _names;

    public ServedCatalogue(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
        _parts = catalogue.Sites.ToDictionary(s => s.Id, s => new SiteViewParts(s), StringComparer.Ordinal);

        // Built on first use, not with every catalogue: only place queries need it.
        _names = new(() => PlaceMatcher<Site>.Build(catalogue.Sites, s => s.Name, s => s.District));
    }

    public static ServedCatalogue Empty { get; } = new(Catalogue.Empty);

    public Catalogue Catalogue { get; }

    /// <summary>The sites by name, for finding a place from what a resident types.</summary>
    public PlaceMatcher<Site> Names => _names.Value;

    /// <summary>The view parts of a site of this catalogue.</summary>
    public SiteViewParts PartsOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return _parts[site.Id];
    }
}
