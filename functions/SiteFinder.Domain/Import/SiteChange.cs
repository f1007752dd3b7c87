using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Import;

/// <summary>
/// One site an import writes: the site, its stored record before (null for a new site) and after,
/// and the audit action it is. An audit entry is made from exactly this (see <see cref="Fields"/>).
/// </summary>
public sealed record SiteChange(Site Site, SiteRecord? Before, SiteRecord After, AuditAction Action)
{
    /// <summary>The input row the change came from; null for a site the import closed because the file no longer lists it.</summary>
    public int? Row { get; init; }

    /// <summary>Why, when the import decided it rather than the file saying it (closing a missing or merged site).</summary>
    public string? Reason { get; init; }

    public IReadOnlyList<FieldChange> Fields => SiteRecordDiff.Changes(Before, After);
}
