using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>Builds a snapshot from the site rows and publishes it when it differs from the current one.</summary>
public sealed class CataloguePublisher(ISiteStore sites, ICatalogueSnapshotStore snapshots, CatalogueProvider provider)
{
    public async Task<SnapshotPointer> PublishAsync(CancellationToken cancellationToken)
    {
        var records = await sites.LoadAllAsync(cancellationToken);
        var pointer = await snapshots.PublishAsync(records, cancellationToken);
        await provider.RefreshAsync(cancellationToken);
        return pointer;
    }
}
