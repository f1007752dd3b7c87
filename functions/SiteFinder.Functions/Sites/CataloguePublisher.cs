using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>Builds a snapshot from the site rows and publishes it when it differs from the current one.</summary>
public sealed class CataloguePublisher(ISiteStore sites, CatalogueDocument snapshots, CatalogueProvider provider)
{
    public async Task<SnapshotPointer> PublishAsync(CancellationToken cancellationToken)
    {
        // In id order, so the same sites make the same document whatever order the rows came in,
        // and an unchanged catalogue is not published again.
        var records = (await sites.LoadAllAsync(cancellationToken)).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var published = await snapshots.PublishAsync(records, records.Length, cancellationToken);
        await provider.InstallAsync(published, records, cancellationToken);
        return published.Pointer;
    }
}
