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

/// <summary>
/// The published catalogue: every site in a few compressed entities, so that an instance refreshes
/// with one pointer read and, when it changed, a handful of entity reads instead of thousands of rows.
/// </summary>
public interface ICatalogueSnapshotStore
{
    Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SiteRecord>> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken);

    /// <summary>Publishes the records as a new version unless they equal the current one; returns the pointer in force afterwards.</summary>
    Task<SnapshotPointer> PublishAsync(IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken);
}
