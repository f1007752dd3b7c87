using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>The site rows: the system of record that imports write and snapshots are built from.</summary>
public interface ISiteStore
{
    /// <summary>Inserts or replaces the sites, batched per partition. Existing rows not named are untouched.</summary>
    Task UpsertAsync(IReadOnlyList<Site> sites, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiteRecord>> LoadAllAsync(CancellationToken cancellationToken);

    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);
}
