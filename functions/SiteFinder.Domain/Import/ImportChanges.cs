using SiteFinder.Domain.Audit;

namespace SiteFinder.Domain.Import;

/// <summary>A site named in an import's changes: its id, source id and the row it came from (null when no row names it).</summary>
public sealed record SiteRef(string Id, string SourceId, int? Row);

/// <summary>A stored site the import changes, field by field.</summary>
public sealed record UpdatedSite(string Id, string SourceId, int? Row, IReadOnlyList<FieldChange> Changes);

/// <summary>A stored site of the file's districts that the file does not list; <c>Closed</c> when closeMissing closes it now.</summary>
public sealed record MissingSite(string Id, string SourceId, string Name, string District, string State, bool Closed);

/// <summary>
/// What an import does to the stored sites, the same in a dry run and a real one: the sites added,
/// updated (with every changed field), left unchanged, and missing from the file. Closed missing
/// sites also appear among the updates.
/// </summary>
public sealed record ImportChanges(IReadOnlyList<SiteRef> Added, IReadOnlyList<UpdatedSite> Updated, IReadOnlyList<SiteRef> Unchanged, IReadOnlyList<MissingSite> Missing)
{
    public static ImportChanges None { get; } = new([], [], [], []);
}
