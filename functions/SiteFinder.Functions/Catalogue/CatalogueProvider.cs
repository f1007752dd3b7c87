using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;
using DomainCatalogue = SiteFinder.Domain.Sites.Catalogue;

namespace SiteFinder.Functions.Catalogue;

/// <summary>This instance's copy of the published catalogue, with its geo index.</summary>
public sealed class CatalogueProvider(ICatalogueSnapshotStore snapshots, ILogger<CatalogueProvider> logger, TimeProvider clock)
    : PublishedSnapshot<DomainCatalogue>(logger, clock)
{
    protected override DomainCatalogue Empty => DomainCatalogue.Empty;

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => snapshots.GetCurrentAsync(cancellationToken);

    protected override async Task<DomainCatalogue> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        var records = await snapshots.LoadAsync(pointer, cancellationToken).ConfigureAwait(false);
        return new DomainCatalogue(records.Select(r => r.ToSite()), pointer.Version);
    }
}
