using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>Builds a snapshot from the site rows and publishes it when it differs from the current one.</summary>
public sealed class CataloguePublisher(ISiteStore sites, CatalogueDocument snapshots, CatalogueProvider provider)
{
    public async Task<SnapshotPointer> PublishAsync(CancellationToken cancellationToken)
    {
        // In id order, so the same sites make the same document whatever order the rows came in,
        // and an unchanged catalogue is not published again.
        SiteRecord[] records = [];
        var published = await snapshots.PublishAsync(
            async ct =>
            {
                records = (await sites.LoadAllAsync(ct)).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
                return (records, records.Length);
            },
            cancellationToken);
        await provider.InstallAsync(published, records, cancellationToken);
        return published.Pointer;
    }
}
