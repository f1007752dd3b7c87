using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// The catalogue as this instance serves it: the domain's sites and geo index, and each site's
/// unchanging view parts (locations in every coordinate system, audience, hours, pre-serialized
/// list JSON). The parts of a site are built the first time an answer needs them, and belong to this
/// catalogue, which is replaced whole, so an answer never mixes the parts of one catalogue with the
/// sites of another.
/// </summary>
public sealed class ServedCatalogue
{
    private readonly Dictionary<string, int> _indexOf;

    /// <summary>
    /// Built on first use, per site: building all 9,000 when the snapshot loaded took 90–200 ms of the start
    /// before the first nearby answer, which needs ten (BENCHMARKS.md, "Issue 16: start-up"). Two requests
    /// that build the same site's parts at once keep the first stored; they are equal.
    /// </summary>
    private readonly SiteViewParts?[] _parts;

    /// <param name="catalogue">The sites.</param>
    /// <param name="version">The published snapshot's version (0 for none): search cursors carry it, so a page is never read from another catalogue.</param>
    public ServedCatalogue(Catalogue catalogue, long version = 0)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
        Version = version;
        var sites = catalogue.Sites;
        _indexOf = new Dictionary<string, int>(sites.Count, StringComparer.Ordinal);
        for (var i = 0; i < sites.Count; i++)
            _indexOf.Add(sites[i].Id, i);
        _parts = new SiteViewParts?[sites.Count];

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
        return PartsAt(_indexOf[site.Id]);
    }

    /// <summary>The view parts of a nearby hit's site, found by its position when the hit comes from this catalogue (else by id).</summary>
    public SiteViewParts PartsOf(NearbyHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var sites = Catalogue.Sites;
        return (uint)hit.Index < (uint)sites.Count && ReferenceEquals(sites[hit.Index], hit.Site) ? PartsAt(hit.Index) : PartsOf(hit.Site);
    }

    private SiteViewParts PartsAt(int index) =>
        Volatile.Read(ref _parts[index]) ?? Interlocked.CompareExchange(ref _parts[index], new SiteViewParts(Catalogue.Sites[index]), null) ?? _parts[index]!;
}
