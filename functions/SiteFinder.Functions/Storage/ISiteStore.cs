using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>A stored site with its version: the value an edit must send back in If-Match.</summary>
public sealed record StoredSite(SiteRecord Record, string Version);

/// <summary>The site changed after the version an edit was based on, so the edit was not written.</summary>
public sealed class SiteVersionConflictException(IReadOnlyList<string> siteIds) : Exception($"Site(s) {string.Join(", ", siteIds.Take(5))} changed since the version given.")
{
    public SiteVersionConflictException(string siteId)
        : this([siteId])
    {
    }

    public IReadOnlyList<string> SiteIds { get; } = siteIds;
}

/// <summary>The site rows: the system of record that imports write and snapshots are built from.</summary>
public interface ISiteStore
{
    /// <summary>Inserts or replaces the sites, batched per partition. Existing rows not named are untouched.</summary>
    Task UpsertAsync(IReadOnlyList<Site> sites, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiteRecord>> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>Every site with its version, for a writer that must not overwrite a change it has not seen (an import).</summary>
    Task<IReadOnlyList<StoredSite>> LoadAllStoredAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes many sites, each with its audit entry in its partition's transaction: a site with a
    /// version replaces that version only, one without is added. Partitions are written on their own,
    /// so when some site changed since its version was read, the other partitions may be written; the
    /// exception names the sites refused, and a writer that plans again from fresh versions is safe.
    /// </summary>
    Task WriteAllAsync(IReadOnlyList<(SiteRecord Record, string? Version, AuditEntry Audit)> changes, CancellationToken cancellationToken);

    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    Task<StoredSite?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the site if it is still at <paramref name="version"/> and appends its audit entry, both
    /// or neither; returns the new version. Throws <see cref="SiteVersionConflictException"/> when the
    /// site changed (or was removed) since.
    /// </summary>
    Task<StoredSite> ReplaceAsync(SiteRecord record, string version, AuditEntry audit, CancellationToken cancellationToken);
}

/// <summary>A page of a site's audit trail, newest first; <see cref="Cursor"/> continues it (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Cursor);

/// <summary>The audit trail: every change of every site, appended with the change itself.</summary>
public interface ISiteAuditLog
{
    Task<AuditPage> ListAsync(string siteId, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Whether a cursor is one this log gave out (so a bad one is a 400, never a storage query).</summary>
    bool IsWellFormedCursor(string cursor);
}
