using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>This instance's copy of the published catalogue, with its geo index and its sites' view parts.</summary>
public sealed class CatalogueProvider(CatalogueDocument snapshots, ILogger<CatalogueProvider> logger, TimeProvider clock)
    : PublishedSnapshot<ServedCatalogue>(logger, clock)
{
    protected override ServedCatalogue Empty => ServedCatalogue.Empty;

    /// <summary>Serves the catalogue this instance has just published, without reading it back; nothing to build when it was unchanged.</summary>
    public Task InstallAsync(SnapshotPublication published, IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(records);
        return published.Ours && published.Pointer.Version == Health.Version
            ? Task.CompletedTask
            : InstallAsync(published, new ServedCatalogue(new Catalogue(ToSites(records)), published.Pointer.Version), cancellationToken);
    }

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => snapshots.GetCurrentAsync(cancellationToken);

    protected override async Task<ServedCatalogue> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        var records = await snapshots.LoadAsync(pointer, cancellationToken);
        return new ServedCatalogue(new Catalogue(ToSites(records)), pointer.Version);
    }

    /// <summary>The records as sites, each distinct hours text parsed once (sites with the same text share its <see cref="OpeningHours"/>).</summary>
    public static List<Site> ToSites(IEnumerable<SiteRecord> records)
    {
        var parsedHours = new Dictionary<string, OpeningHours>(StringComparer.Ordinal);
        return [.. records.Select(r => r.ToSite(parsedHours))];
    }
}
