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

    /// <param name="catalogue">The sites.</param>
    /// <param name="version">The published snapshot's version (0 for none): search cursors carry it, so a page is never read from another catalogue.</param>
    public ServedCatalogue(Catalogue catalogue, long version = 0)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
        Version = version;
        _parts = catalogue.Sites.ToDictionary(s => s.Id, s => new SiteViewParts(s), StringComparer.Ordinal);

        // Built beside serving, off the request path: the first search would otherwise wait for all of it. Not
        // before the catalogue is served: at start it was about a third of the load that the first nearby
        // answer, which does not need it, waited for (BENCHMARKS.md, "Issue 16: start-up"). A search that comes
        // while it is being built waits for that build (Catalogue.Names is a thread-safe Lazy).
        _ = Task.Run(() => catalogue.Names);
    }

    public static ServedCatalogue Empty { get; } = new(Catalogue.Empty);

    public Catalogue Catalogue { get; }

    public long Version { get; }

    /// <summary>The sites' names and addresses as place names (<see cref="Catalogue.Names"/>), for search and for geocoding from the catalogue.</summary>
    public PlaceMatcher<SiteName> Names => Catalogue.Names;

    /// <summary>The view parts of a site of this catalogue.</summary>
    public SiteViewParts PartsOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return _parts[site.Id];
    }
}
